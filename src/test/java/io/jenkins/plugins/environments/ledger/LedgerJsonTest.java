package io.jenkins.plugins.environments.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class LedgerJsonTest {

    private static final String USUAL =
            "\"type\":\"deployed\",\"time\":\"2026-01-05T08:00:37Z\",\"app\":\"shop\",\"environment\":\"prod\"";

    @Test
    void instantsInTheFormsTheLedgerWritesReadAsInstantParseReadsThem() {
        for (String text : List.of(
                "2026-01-05T08:00:37Z",
                "2026-01-05T08:00:37.100Z",
                "2026-01-05T08:00:37.123456Z",
                "2026-01-05T08:00:37.123456789Z",
                "2024-02-29T23:59:59.5Z",
                "1969-12-31T23:59:59.999Z",
                "2026-01-05T09:00:37+01:00")) {
            assertEquals(Instant.parse(text), LedgerJson.instant(text), text);
        }
    }

    @Test
    void instantsOutOfTheUsualRangeGoToInstantParse() {
        for (String text : List.of(
                "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z")) {
            assertEquals(outcome(() -> Instant.parse(text)), outcome(() -> LedgerJson.instant(text)), text);
        }
        DateTimeParseException tooFine =
                assertThrows(DateTimeParseException.class, () -> LedgerJson.instant("2026-01-01T00:00:00.1234567890Z"));
        assertEquals("Text '2026-01-01T00:00:00.1234567890Z' could not be parsed at index 29", tooFine.getMessage());
    }

    private static String outcome(Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (DateTimeParseException e) {
            return e.getMessage();
        }
    }

    @Test
    void aFieldNamedTwiceIsNotJsonWhereverItIs() {
        assertEquals("not JSON: Duplicate field 'app'", reason("{" + USUAL + ",\"app\":\"x\"}"));
        assertEquals("not JSON: Duplicate field 'k'", reason("{" + USUAL + ",\"details\":{\"k\":\"1\",\"k\":\"2\"}}"));
        assertEquals("not JSON: Duplicate field 'k'", reason("{" + USUAL + ",\"newer\":{\"k\":1,\"k\":2}}"));
        assertEquals("not JSON: Duplicate field 'newer'", reason("{" + USUAL + ",\"newer\":1,\"newer\":[}"));
        assertEquals("not JSON: Duplicate field 'k'", reason("[{\"k\":1,\"k\":2}]"));
    }

    @Test
    void fieldsAreCheckedInTheirOrderAfterTheWholeLineWasRead() {
        assertEquals("time is not a string", reason("{\"app\":[],\"time\":{},\"type\":\"nope\"}"));
        assertEquals(
                "time is not an ISO-8601 instant: 'yesterday'", reason("{\"type\":\"nope\",\"time\":\"yesterday\"}"));
        assertEquals("url is not a string", reason("{" + USUAL + ",\"actor\":{},\"url\":[]}"));
        assertEquals("details is not a JSON object", reason("{" + USUAL + ",\"details\":[\"a\"]}"));
        assertEquals("b is not a string", reason("{" + USUAL + ",\"details\":{\"a\":\"1\",\"b\":[]}}"));
        assertEquals("not a JSON object", reason("[1,2]"));
    }

    @Test
    void numbersAndUnknownFieldsReadAsBefore() {
        LedgerEvent event =
                read("{" + USUAL + ",\"pr\":42,\"newer\":{\"a\":[1,{}]},\"details\":{\"b\":true,\"a\":1.5}}");

        assertEquals("42", event.pr());
        assertEquals(Map.of("a", "1.5", "b", "true"), event.details());
        assertEquals(Instant.parse("2026-01-05T08:00:37Z"), event.time());
    }

    private static LedgerEvent read(String line) {
        byte[] bytes = line.getBytes(UTF_8);
        return LedgerJson.read(bytes, 0, bytes.length);
    }

    private static String reason(String line) {
        return assertThrows(IllegalArgumentException.class, () -> read(line)).getMessage();
    }
}
