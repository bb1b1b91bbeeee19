package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.model.Gates;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The change-ticket rule: a ticket that matches the pattern whole, when a pattern is set. */
class ChangeTicketGateTest {

    static Gates pattern(String regex) {
        return new Gates(0, List.of(), true, false, null, null, regex, false);
    }

    static Stream<Arguments> tickets() {
        Gates chg = pattern("CHG-[0-9]+");
        return Stream.of(
                Arguments.of(
                        "matching ticket",
                        chg,
                        "CHG-1234",
                        "PASS change-ticket: change ticket 'CHG-1234' matches CHG-[0-9]+"),
                Arguments.of(
                        "match must be whole",
                        chg,
                        "xCHG-1234y",
                        "FAIL change-ticket: change ticket 'xCHG-1234y' does not match CHG-[0-9]+"),
                Arguments.of(
                        "required when a pattern is set",
                        chg,
                        null,
                        "FAIL change-ticket: a change ticket matching CHG-[0-9]+ is required; none was given"),
                Arguments.of(
                        "blank is none",
                        chg,
                        "  ",
                        "FAIL change-ticket: a change ticket matching CHG-[0-9]+ is required; none was given"),
                Arguments.of(
                        "control characters",
                        chg,
                        "CHG-1\nCHG-2",
                        "FAIL change-ticket: the change ticket contains a control character such as a line break, a line or"
                                + " paragraph separator, a bidirectional control or a zero-width character"),
                Arguments.of(
                        "at most 128 characters",
                        pattern(".*"),
                        "T".repeat(129),
                        "FAIL change-ticket: the change ticket is 129 characters long; at most 128 are allowed"),
                Arguments.of(
                        "exactly 128 characters",
                        pattern("T+"),
                        "T".repeat(128),
                        "PASS change-ticket: change ticket '" + "T".repeat(128) + "' matches T+"),
                Arguments.of(
                        "no pattern, no ticket", Gates.NONE, null, "PASS change-ticket: no change ticket required"),
                Arguments.of(
                        "no pattern, a ticket is recorded",
                        Gates.NONE,
                        "INC-7",
                        "PASS change-ticket: no change ticket required; 'INC-7' recorded"),
                Arguments.of(
                        "no pattern, a ticket is still checked",
                        Gates.NONE,
                        "INC-7\r",
                        "FAIL change-ticket: the change ticket contains a control character such as a line break, a line or"
                                + " paragraph separator, a bidirectional control or a zero-width character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tickets")
    void aTicketMustMatchThePatternWhole(String name, Gates gates, String ticket, String line) {
        assertEquals(line, new ChangeTicketGate(gates, ticket).evaluate().line());
    }
}
