package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.provider.Arguments;

/** Rows of the bad-value tables and their one assertion: the exact field and the exact message. */
final class Rejections {

    /** The label rule as messages state it, written out here so that a change to it shows in the tests. */
    static final String LABEL_RULE = "use at most 63 lower-case letters, digits and '-', starting and ending with"
            + " a letter or digit (RFC 1123 label)";

    static final String SUBDOMAIN_RULE = "use at most 253 characters of dot-separated RFC 1123 labels (lower-case"
            + " letters, digits and '-', each starting and ending with a letter or digit)";

    private Rejections() {}

    /**
     * @param rule the rule broken, which names the test case
     * @param action what must be refused
     */
    static Arguments bad(String rule, Executable action, String field, String message) {
        return Arguments.argumentSet(rule, action, field, message);
    }

    static InvalidConfigurationException assertRejected(Executable action, String field, String message) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, action);
        assertAll(() -> assertEquals(message, e.getMessage()), () -> assertEquals(field, e.field()));
        return e;
    }
}
