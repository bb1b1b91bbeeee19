package io.jenkins.plugins.environments.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule reads its input a bounded number of times: on a 1 MB line built to make a backtracking regular
 * expression blow up (a prefix or separator repeated, never completing a match) the scanner examines at most
 * {@value #BOUND} characters per character of input, counted by {@link SecretScanner#work()}, not timed.
 */
class SecretScannerWorkTest {

    private static final int BOUND = 40;
    private static final int SIZE = 1 << 20;

    @ParameterizedTest(name = "1 MB of \"{0}\"")
    @ValueSource(
            strings = {
                "a",
                "a=",
                "password=",
                "--token=",
                "=",
                ";Password=",
                "://",
                "x://u:p",
                "@",
                ":",
                "- name: ",
                "eyJ",
                "eyJhbGciOiJub25lIn0.",
                "ghp_",
                "xoxb-",
                "glpat-",
                "-----BEGIN ",
                "LS0tLS1CRUdJ",
                "Bearer ",
                "AKIA",
                "{{",
                "${",
                "\"",
                "'",
                "password: ",
                "aB3/",
                "hooks.slack.com/services/"
            })
    void aLongLineCostsABoundedAmountOfWork(String unit) {
        String line = unit.repeat(SIZE / unit.length() + 1).substring(0, SIZE);
        assertBounded(new SecretScanner().scanLines("a.txt", "key: " + line), unit, "line rules");
        assertBounded(new SecretScanner().scanValues("v.yaml", "key: '" + line.replace("'", "") + "'"), unit, "YAML");
        assertBounded(new SecretScanner().scanSet(Map.of("db.password", line)), unit, "set entry");
    }

    /** A thousand aliases of one long value cost one reading of it, not a thousand. */
    @Test
    void aliasesOfALongValueAreReadOnce() {
        StringBuilder yaml =
                new StringBuilder("shared: &v '").append("x1-".repeat(100_000)).append("'\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("db").append(i).append(":\n  password: *v\n");
        }
        SecretScanner scanner = new SecretScanner().scanValues("v.yaml", yaml.toString());
        assertEquals(1000, scanner.findings().size());
        assertTrue(scanner.work() <= (long) BOUND * yaml.length(), scanner.work() + " for " + yaml.length());
    }

    private static void assertBounded(SecretScanner scanner, String unit, String what) {
        long work = scanner.work();
        assertTrue(work > 0 && work <= (long) BOUND * SIZE, what + " on \"" + unit + "\": " + work + " for " + SIZE);
    }
}
