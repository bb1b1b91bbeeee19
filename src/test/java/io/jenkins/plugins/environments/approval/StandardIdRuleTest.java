package io.jenkins.plugins.environments.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The id rules behave as the Jenkins IdStrategy variants of the same names. */
class StandardIdRuleTest {

    private static Arguments pair(String rule, StandardIdRule idRule, String id, String other, boolean same) {
        return Arguments.argumentSet(rule, idRule, id, other, same);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                pair("caseInsensitiveIgnoresCase", StandardIdRule.CASE_INSENSITIVE, "Alice", "aLICE", true),
                pair("caseInsensitiveStillTellsNamesApart", StandardIdRule.CASE_INSENSITIVE, "alice", "alicia", false),
                pair("caseSensitiveTellsCaseApart", StandardIdRule.CASE_SENSITIVE, "Alice", "alice", false),
                pair("caseSensitiveMatchesEqualIds", StandardIdRule.CASE_SENSITIVE, "alice", "alice", true),
                pair(
                        "emailDomainIgnoresCase",
                        StandardIdRule.CASE_SENSITIVE_EMAIL,
                        "Bob@Example.COM",
                        "Bob@example.com",
                        true),
                pair(
                        "emailLocalPartKeepsCase",
                        StandardIdRule.CASE_SENSITIVE_EMAIL,
                        "Bob@example.com",
                        "bob@example.com",
                        false),
                pair(
                        "emailDomainStartsAfterTheLastAt",
                        StandardIdRule.CASE_SENSITIVE_EMAIL,
                        "\"a@B\"@Example.com",
                        "\"a@B\"@example.com",
                        true),
                pair(
                        "emailLocalPartBeforeTheLastAtKeepsCase",
                        StandardIdRule.CASE_SENSITIVE_EMAIL,
                        "\"a@B\"@example.com",
                        "\"a@b\"@example.com",
                        false),
                pair("emailRuleWithoutAtIsCaseSensitive", StandardIdRule.CASE_SENSITIVE_EMAIL, "Bob", "bob", false));
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void comparesIdsAsTheRealmDoes(StandardIdRule rule, String id, String other, boolean same) {
        assertEquals(same, rule.same(id, other));
        assertEquals(same, rule.same(other, id));
    }
}
