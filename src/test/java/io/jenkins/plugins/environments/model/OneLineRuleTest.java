package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "no control characters" rule of every one-line value lives in {@link OneLine#isUnsafe}: besides the ISO
 * controls it refuses what changes how a line reads without being seen (issue 11, class 15).
 */
class OneLineRuleTest {

    /** Each character is refused inside a value, and a message shows it escaped, never raw. */
    @ParameterizedTest(name = "refused: U+{0}")
    @ValueSource(
            ints = {
                0x0000, 0x0009, 0x000A, 0x000D, 0x007F, 0x0085, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x200E, 0x200F, 0x061C, 0x2060
            })
    void oneLineRuleRefusesInvisibleAndLineBreakingCharacters(int c) {
        String value = "CHG-1" + Character.toString(c) + "2";
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class, () -> Names.rejectControlCharacters("ticket", "Ticket", value));
        assertAll(
                () -> assertTrue(OneLine.isUnsafe(c)),
                () -> assertEquals("ticket", e.field()),
                () -> assertEquals(
                        "Ticket 'CHG-1" + String.format("\\u%04X", c)
                                + "2' must not contain control characters such as line breaks",
                        e.getMessage()));
    }

    @ParameterizedTest(name = "kept: U+{0}")
    @ValueSource(ints = {0x0020, 0x00E9, 0x200A, 0x2027, 0x202F, 0x2065, 0x206A, 0x1F600})
    void oneLineRuleKeepsVisibleCharactersAndTheirNeighbours(int c) {
        String value = "a" + Character.toString(c) + "b";
        assertAll(
                () -> assertFalse(OneLine.isUnsafe(c)),
                () -> assertSame(value, Names.rejectControlCharacters("comment", "Comment", value)));
    }

    @Test
    void truncateKeepsShortValuesAndMarksWhatItCuts() {
        assertAll(
                () -> assertEquals("abc", Names.truncate("abc", 3)),
                () -> assertEquals(null, Names.truncate(null, 3)),
                () -> assertEquals("ab…[2 more characters]", Names.truncate("abcd", 2)),
                () -> assertEquals(
                        "x".repeat(100) + "…[999900 more characters]", Names.truncate("x".repeat(1_000_000), 100)));
    }

    @Test
    void truncateNeverSplitsASurrogatePair() {
        String value = "a" + "\uD83D\uDE00" + "bcd";
        assertEquals("a…[5 more characters]", Names.truncate(value, 2));
    }
}
