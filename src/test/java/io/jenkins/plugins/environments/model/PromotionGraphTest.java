package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromotionGraphTest {

    /** @param edges {@code name<from} pairs separated by spaces; a name without {@code <} has no source */
    private static PromotionGraph graph(String edges) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String edge : edges.split(" ")) {
            String[] parts = edge.split("<");
            sources.put(parts[0], parts.length > 1 ? parts[1] : null);
        }
        return new PromotionGraph(sources);
    }

    @ParameterizedTest(name = "promotionCycleDetected: {0}")
    @CsvSource({
        "'1 environment: prod<prod',                          'prod<prod',                      'prod → prod'",
        "'2 environments',                                    'dev<staging staging<dev',        'dev → staging → dev'",
        "'3 environments, listed out of order',               'prod<staging dev<prod staging<dev', 'prod → dev → staging → prod'",
        "'3 environments, reached through a tail',            'qa<c a<c b<a c<b',               'a → b → c → a'",
        "'no cycle',                                          'dev staging<dev prod<staging',   ''",
        "'no cycle, dangling source',                         'prod<gone',                      ''",
    })
    void promotionCycleDetected(String rule, String edges, String expected) {
        List<String> cycles = graph(edges).cycles().stream()
                .map(cycle -> String.join(" → ", cycle))
                .toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), cycles);
    }

    @Test
    void chainOfASelfLoopIsTheEnvironmentOnce() {
        assertEquals(List.of("prod"), graph("prod<prod").chain("prod"));
    }

    @Test
    void chainRunsAlongTheFlow() {
        assertEquals(
                List.of("dev", "staging", "prod"),
                graph("prod<staging staging<dev dev").chain("prod"));
        assertEquals(List.of(), graph("dev").chain("qa"));
    }
}
