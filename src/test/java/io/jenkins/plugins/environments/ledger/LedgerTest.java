package io.jenkins.plugins.environments.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

    static final String DIGEST = LedgerEventTest.DIGEST;
    static final Instant TIME = Instant.parse("2026-11-28T10:15:30Z");
    static final Clock CLOCK = Clock.fixed(TIME, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Ledger ledger() throws Exception {
        return Ledger.open(dir.resolve("history/ledger.jsonl"), CLOCK);
    }

    private static LedgerEvent event(LedgerEventType type, int n) {
        return LedgerEvent.builder(type, "shop", "prod")
                .time(TIME.plusSeconds(n))
                .pr(n)
                .digest(DIGEST)
                .namespace("pr-" + n)
                .url("https://pr-" + n + ".example.com")
                .actor("alice")
                .reason("manual")
                .build("https://ci.example.com/job/shop/" + n + "/")
                .detail("strategy", "gitops")
                .detail("approvers", "bob,carol")
                .build();
    }

    private List<String> lines(Ledger ledger) throws Exception {
        return Files.readAllLines(ledger.file(), UTF_8);
    }

    @Test
    void everyTypeRoundTripsInOrder() throws Exception {
        Ledger ledger = ledger();
        List<LedgerEvent> written = new ArrayList<>();
        for (LedgerEventType type : LedgerEventType.values()) {
            LedgerEvent event = event(type, written.size());
            ledger.append(event);
            written.add(event);
        }
        LedgerEvent minimal = new LedgerEvent(
                LedgerEventType.APPROVAL_EXPIRED,
                TIME,
                "api",
                "staging",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        ledger.append(minimal);
        written.add(minimal);

        Ledger.Contents contents = ledger.read();
        assertEquals(written, contents.events());
        assertEquals(0, contents.skippedLines());
        assertEquals(written, Ledger.open(ledger.file(), CLOCK).events());
        try (Stream<LedgerEvent> stream = ledger.stream()) {
            assertEquals(written, stream.toList());
        }
        assertEquals(written.size(), lines(ledger).size());
        assertTrue(Files.readString(ledger.file()).endsWith("}\n"));
    }

    @Test
    void linesHaveAStableFieldOrderAndNoNulls() throws Exception {
        Ledger ledger = ledger();
        ledger.append(event(LedgerEventType.TORN_DOWN, 7));
        ledger.append(LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "prod")
                .digest(DIGEST)
                .actor(LedgerEvent.SYSTEM));
        List<String> lines = lines(ledger);
        assertEquals(
                "{\"type\":\"torn-down\",\"time\":\"2026-11-28T10:15:37Z\",\"app\":\"shop\",\"environment\":\"prod\","
                        + "\"pr\":\"7\",\"digest\":\"" + DIGEST + "\",\"namespace\":\"pr-7\","
                        + "\"url\":\"https://pr-7.example.com\",\"actor\":\"alice\",\"reason\":\"manual\","
                        + "\"build\":\"https://ci.example.com/job/shop/7/\","
                        + "\"details\":{\"approvers\":\"bob,carol\",\"strategy\":\"gitops\"}}",
                lines.get(0));
        assertEquals(
                "{\"type\":\"deployed\",\"time\":\"2026-11-28T10:15:30Z\",\"app\":\"shop\",\"environment\":\"prod\","
                        + "\"digest\":\"" + DIGEST + "\",\"actor\":\"system\"}",
                lines.get(1));
        for (String line : lines) {
            assertFalse(line.contains("null"), line);
        }
    }

    @Test
    void lineBreaksInValuesStayInsideTheirLine() throws Exception {
        Ledger ledger = ledger();
        LedgerEvent event = LedgerEvent.builder(LedgerEventType.REJECTED, "shop", "prod")
                .time(TIME)
                .reason("line one\nline two\r\n")
                .detail("comment", "é ✓ \u2028")
                .build();
        ledger.append(event);
        assertEquals(1, lines(ledger).size());
        assertEquals(List.of(event), ledger.events());
    }

    @Test
    void tornLastLineIsSkippedAndTheNextAppendStartsAFreshLine() throws Exception {
        Ledger ledger = ledger();
        ledger.append(event(LedgerEventType.DEPLOYED, 1));
        ledger.append(event(LedgerEventType.PROMOTED, 2));
        String whole = LedgerJson.write(event(LedgerEventType.TORN_DOWN, 3));
        Files.writeString(ledger.file(), whole.substring(0, whole.length() / 2), StandardOpenOption.APPEND);

        Ledger.Contents torn = ledger.read();
        assertEquals(List.of(event(LedgerEventType.DEPLOYED, 1), event(LedgerEventType.PROMOTED, 2)), torn.events());
        assertEquals(1, torn.skippedLines());
        assertTrue(torn.tornTail());
        SkippedLine skipped = torn.skipped().get(0);
        assertEquals(3, skipped.lineNumber());
        assertEquals("torn last line: no line end", skipped.reason());
        assertTrue(skipped.torn());
        assertEquals(whole.substring(0, whole.length() / 2), skipped.text());

        ledger.append(event(LedgerEventType.ROLLED_BACK, 4));
        List<String> lines = lines(ledger);
        assertEquals(4, lines.size());
        assertEquals(whole.substring(0, whole.length() / 2), lines.get(2));
        assertEquals(LedgerJson.write(event(LedgerEventType.ROLLED_BACK, 4)), lines.get(3));

        Ledger.Contents repaired = ledger.read();
        assertEquals(
                List.of(
                        event(LedgerEventType.DEPLOYED, 1),
                        event(LedgerEventType.PROMOTED, 2),
                        event(LedgerEventType.ROLLED_BACK, 4)),
                repaired.events());
        assertEquals(1, repaired.skippedLines());
        assertFalse(repaired.tornTail());
        assertFalse(repaired.skipped().get(0).torn());
        assertTrue(
                repaired.skipped().get(0).reason().startsWith("not JSON: "),
                repaired.skipped().get(0).reason());
    }

    @Test
    void corruptLinesInTheMiddleAreSkippedAndCountedWithoutAbortingTheRead() throws Exception {
        Ledger ledger = ledger();
        ledger.append(event(LedgerEventType.DEPLOYED, 1));
        Files.writeString(
                ledger.file(),
                String.join(
                        "\n",
                        "garbage",
                        "",
                        "[1,2]",
                        "{\"type\":\"exploded\",\"time\":\"2026-11-28T10:15:30Z\",\"app\":\"a\",\"environment\":\"b\"}",
                        "{\"type\":\"deployed\",\"time\":\"yesterday\",\"app\":\"a\",\"environment\":\"b\"}",
                        "{\"type\":\"deployed\",\"time\":\"2026-11-28T10:15:30Z\",\"app\":\" \",\"environment\":\"b\"}",
                        "{\"type\":\"deployed\",\"time\":\"2026-11-28T10:15:30Z\",\"app\":\"a\",\"environment\":\"b\"}}",
                        "{\"type\":\"deployed\",\"time\":\"2026-11-28T10:15:30Z\",\"app\":\"a\",\"environment\":\"b\","
                                + "\"pr\":42,\"future\":{\"x\":1}}",
                        ""),
                StandardOpenOption.APPEND);
        ledger.append(event(LedgerEventType.PROMOTED, 2));

        List<SkippedLine> reported = new ArrayList<>();
        List<LedgerEvent> streamed;
        try (Stream<LedgerEvent> stream = ledger.stream(reported::add)) {
            streamed = stream.toList();
        }
        LedgerEvent handWritten = LedgerEvent.builder(LedgerEventType.DEPLOYED, "a", "b")
                .time(TIME)
                .pr(42)
                .build();
        assertEquals(
                List.of(event(LedgerEventType.DEPLOYED, 1), handWritten, event(LedgerEventType.PROMOTED, 2)), streamed);
        assertEquals(
                List.of(2L, 4L, 5L, 6L, 7L, 8L),
                reported.stream().map(SkippedLine::lineNumber).toList());
        assertEquals("not a JSON object", reported.get(1).reason());
        assertTrue(reported.get(2).reason().startsWith("unknown ledger event type 'exploded'"));
        assertEquals(
                "time is not an ISO-8601 instant: 'yesterday'", reported.get(3).reason());
        assertEquals("app must not be blank", reported.get(4).reason());
        assertTrue(reported.stream().noneMatch(SkippedLine::torn));
        assertEquals(6, ledger.read().skippedLines());
    }

    @Test
    void appendStampsTheClockOnlyWhenTheBuilderHasNoTime() throws Exception {
        Ledger ledger = ledger();
        LedgerEvent stamped = ledger.append(LedgerEvent.builder(LedgerEventType.APPROVED, "shop", "prod"));
        LedgerEvent kept = ledger.append(
                LedgerEvent.builder(LedgerEventType.APPROVED, "shop", "prod").time(Instant.EPOCH));
        assertEquals(TIME, stamped.time());
        assertEquals(Instant.EPOCH, kept.time());
        assertEquals(List.of(stamped, kept), ledger.events());
    }

    @Test
    void openCreatesTheFileAndNeverTruncatesIt() throws Exception {
        Ledger ledger = ledger();
        assertTrue(Files.isRegularFile(ledger.file()));
        assertEquals(0, Files.size(ledger.file()));
        assertEquals(List.of(), ledger.events());
        ledger.append(event(LedgerEventType.DEPLOYED, 1));
        assertEquals(dir.resolve("history/ledger.jsonl.lock"), ledger.lockFile());
        assertTrue(Files.isRegularFile(ledger.lockFile()), "appenders lock a companion file");
        long size = Files.size(ledger.file());
        Ledger again = ledger();
        assertEquals(size, Files.size(again.file()));
        assertEquals(List.of(event(LedgerEventType.DEPLOYED, 1)), again.events());
    }

    @Test
    void eightThreadsAppendSixteenHundredWholeLines() throws Exception {
        Path file = dir.resolve("ledger.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                // half the threads share one Ledger, the others have their own on the same file
                Ledger ledger = Ledger.open(file, CLOCK);
                Callable<Void> task = () -> {
                    for (int i = 0; i < 200; i++) {
                        ledger.append(LedgerEvent.builder(LedgerEventType.DEPLOYED, "app-" + thread, "prod")
                                .detail("seq", Integer.toString(i))
                                .detail("padding", "x".repeat(i * 7)));
                    }
                    return null;
                };
                done.add(pool.submit(task));
            }
            for (Future<Void> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = Files.readAllLines(file, UTF_8);
        assertEquals(1600, lines.size());
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertTrue(node.isObject(), line);
        }
        Ledger.Contents contents = Ledger.open(file, CLOCK).read();
        assertEquals(1600, contents.events().size());
        assertEquals(0, contents.skippedLines());
        Set<String> seen = new HashSet<>();
        for (LedgerEvent event : contents.events()) {
            assertTrue(seen.add(event.app() + "#" + event.details().get("seq")));
        }
        for (int t = 0; t < 8; t++) {
            String app = "app-" + t;
            List<String> order = contents.events().stream()
                    .filter(event -> event.app().equals(app))
                    .map(event -> event.details().get("seq"))
                    .toList();
            assertEquals(200, order.size());
            for (int i = 0; i < 200; i++) {
                assertEquals(Integer.toString(i), order.get(i), "each thread's events stay in its order");
            }
        }
    }
}
