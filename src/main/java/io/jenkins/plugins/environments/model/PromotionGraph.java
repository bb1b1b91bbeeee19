package io.jenkins.plugins.environments.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which environment promotes from which. Every environment has at most one source, so following the sources
 * from any environment either ends (at an environment without a source, or at an unknown name) or runs into
 * a cycle. A cycle means no digest could ever enter those environments, so configurations must not have
 * one; {@link #cycles()} finds them all.
 */
public final class PromotionGraph {

    /** Environment name to the name it promotes from, in the order the environments are configured. */
    private final Map<String, String> sources;

    /** @param sources each environment's name mapped to the name it promotes from, {@code null} for none */
    public PromotionGraph(Map<String, String> sources) {
        this.sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }

    /** @return the graph of the environments, the first of each name winning */
    public static PromotionGraph of(List<Environment> environments) {
        Map<String, String> sources = new LinkedHashMap<>();
        environments.forEach(e -> sources.putIfAbsent(e.name(), e.promotesFrom()));
        return new PromotionGraph(sources);
    }

    /**
     * @return every cycle once, in the direction digests would flow, starting and ending with the member that
     *     is configured first, such as {@code [dev, staging, dev]}
     */
    public List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String start : sources.keySet()) {
            List<String> path = new ArrayList<>();
            String current = start;
            while (current != null && sources.containsKey(current) && !done.contains(current)) {
                int seen = path.indexOf(current);
                if (seen >= 0) {
                    cycles.add(inFlowOrder(path.subList(seen, path.size())));
                    break;
                }
                path.add(current);
                current = sources.get(current);
            }
            done.addAll(path);
        }
        return List.copyOf(cycles);
    }

    /** Turns a cycle walked against the flow into one along it, starting at its earliest configured member. */
    private List<String> inFlowOrder(List<String> againstFlow) {
        List<String> cycle = new ArrayList<>(againstFlow);
        Collections.reverse(cycle);
        String first =
                sources.keySet().stream().filter(cycle::contains).findFirst().orElseThrow();
        Collections.rotate(cycle, -cycle.indexOf(first));
        cycle.add(first);
        return List.copyOf(cycle);
    }

    /**
     * @return the environments a digest passes through to reach {@code name}, oldest source first and
     *     {@code name} last, as far as the sources are known and without repeating a cycle; empty for an
     *     unknown name
     */
    public List<String> chain(String name) {
        LinkedHashSet<String> chain = new LinkedHashSet<>();
        String current = name;
        while (current != null && sources.containsKey(current) && chain.add(current)) {
            current = sources.get(current);
        }
        List<String> ordered = new ArrayList<>(chain);
        Collections.reverse(ordered);
        return List.copyOf(ordered);
    }
}
