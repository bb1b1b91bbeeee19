package io.jenkins.plugins.environments.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Append listeners, and sealing the active file into numbered segments that reads still cover. */
class LedgerRotationTest {

    static final Instant START = Instant.parse("2026-09-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(START, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Ledger ledger(long maxSegmentBytes) throws Exception {
        return Ledger.open(
                dir.resolve("ledger.jsonl"), CLOCK, LedgerPolicy.DEFAULT.withMaxSegmentBytes(maxSegmentBytes));
    }

    private static LedgerEvent numbered(int n) {
        return LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "dev")
                .time(START.plusSeconds(n))
                .actor(LedgerEvent.SYSTEM)
                .detail("seq", Integer.toString(n))
                .build();
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void listenersHearEveryAppendAfterItIsReadableInAppendOrder() throws Exception {
        Ledger ledger = ledger(2048);
        List<String> heard = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> readable = Collections.synchronizedList(new ArrayList<>());
        ledger.onAppend(event -> {
            heard.add(event.details().get("seq"));
            try {
                List<LedgerEvent> events = ledger.events();
                readable.add(events.get(events.size() - 1).equals(event));
            } catch (Exception e) {
                readable.add(false);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        ledger.append(numbered(thread * 1000 + i));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> inFile = ledger.events().stream()
                .map(event -> event.details().get("seq"))
                .toList();
        assertEquals(200, inFile.size());
        assertEquals(inFile, heard, "listeners run in the order of the appends");
        assertFalse(readable.contains(false), "each event is on the disk when its listener runs");
        assertTrue(ledger.files().size() > 2, "the appends sealed segments: " + ledger.files());
    }

    @Test
    void aThrowingListenerNeverBreaksAnAppendNorTheListenersAfterIt() throws Exception {
        Ledger ledger = ledger(LedgerPolicy.DEFAULT_MAX_SEGMENT_BYTES);
        List<LedgerEvent> heard = new ArrayList<>();
        ledger.onAppend(event -> {
            throw new IllegalStateException("listener failed");
        });
        ledger.onAppend(heard::add);
        ledger.append(numbered(1));
        ledger.append(numbered(2));
        assertEquals(List.of(numbered(1), numbered(2)), ledger.events());
        assertEquals(List.of(numbered(1), numbered(2)), heard);
    }

    @Test
    void closingTheRegistrationStopsOnlyThatListener() throws Exception {
        Ledger ledger = ledger(LedgerPolicy.DEFAULT_MAX_SEGMENT_BYTES);
        List<LedgerEvent> heard = new ArrayList<>();
        Ledger.Registration first = ledger.onAppend(heard::add);
        try (Ledger.Registration second = ledger.onAppend(heard::add)) {
            ledger.append(numbered(1));
            first.close();
            first.close();
            ledger.append(numbered(2));
        }
        ledger.append(numbered(3));
        assertEquals(List.of(numbered(1), numbered(1), numbered(2)), heard);
        assertEquals(List.of(numbered(1), numbered(2), numbered(3)), ledger.events());
    }

    @Test
    void listenersBelongToTheirLedgerObject() throws Exception {
        Ledger one = ledger(LedgerPolicy.DEFAULT_MAX_SEGMENT_BYTES);
        Ledger other = ledger(LedgerPolicy.DEFAULT_MAX_SEGMENT_BYTES);
        List<LedgerEvent> heard = new ArrayList<>();
        one.onAppend(heard::add);
        other.append(numbered(1));
        one.append(numbered(2));
        assertEquals(List.of(numbered(2)), heard);
        assertEquals(List.of(numbered(1), numbered(2)), other.events());
    }

    @Test
    void theAppendThatCrossesTheSizeSealsTheActiveFileIntoTheNextSegment() throws Exception {
        Ledger ledger = ledger(1000);
        int lineLength = (LedgerJson.write(numbered(100)) + "\n").getBytes(UTF_8).length;
        List<LedgerEvent> written = new ArrayList<>();
        for (int i = 100; i < 130; i++) {
            LedgerEvent event = numbered(i);
            ledger.append(event);
            written.add(event);
        }
        int perSegment = 1000 / lineLength + 1;
        List<String> names = names();
        assertTrue(
                names.containsAll(List.of("ledger.000001.jsonl", "ledger.000002.jsonl", "ledger.jsonl")), "" + names);
        for (String name : names) {
            if (name.matches("ledger\\.[0-9]{6}\\.jsonl")) {
                String content = Files.readString(dir.resolve(name), UTF_8);
                assertEquals(perSegment, content.lines().count(), name + " is sealed by the append that crosses");
                assertTrue(Files.size(dir.resolve(name)) > 1000, name);
                assertTrue(content.endsWith("}\n"), name);
            }
        }
        assertTrue(Files.size(ledger.file()) <= 1000, "the active file starts afresh");
        assertEquals(written, ledger.events());
        assertEquals(
                List.of(dir.resolve("ledger.000001.jsonl"), dir.resolve("ledger.000002.jsonl")),
                ledger.files().subList(0, 2));
        assertEquals(ledger.file(), ledger.files().get(ledger.files().size() - 1));
        assertEquals(written, Ledger.open(ledger.file(), CLOCK).events(), "a ledger opened with defaults reads it");
    }

    @Test
    void eventsOverARotatedLedgerEqualEventsOverOneFile() throws Exception {
        GeneratedLedger generator = new GeneratedLedger(42, START);
        List<LedgerEvent> events = generator.next(1500, 600);
        Ledger rotated = ledger(4096);
        Ledger single = Ledger.open(dir.resolve("single/ledger.jsonl"), CLOCK);
        for (LedgerEvent event : events) {
            rotated.append(event);
            single.append(event);
        }
        String torn = "{\"type\":\"deployed\",\"time\":\"2026-";
        Files.writeString(rotated.file(), torn, StandardOpenOption.APPEND);
        Files.writeString(single.file(), torn, StandardOpenOption.APPEND);
        assertTrue(rotated.files().size() > 50, rotated.files().size() + " files");

        Ledger.Contents fromSegments = rotated.read();
        Ledger.Contents fromOneFile = single.read();
        assertEquals(events, fromOneFile.events());
        assertEquals(fromOneFile.events(), fromSegments.events());
        try (Stream<LedgerEvent> stream = rotated.stream()) {
            assertEquals(events, stream.toList());
        }
        assertTrue(fromSegments.tornTail());
        assertEquals(1, fromSegments.skippedLines());
        SkippedLine skipped = fromSegments.skipped().get(0);
        assertEquals("ledger.jsonl", skipped.segment());
        assertEquals(Files.readAllLines(rotated.file(), UTF_8).size(), skipped.lineNumber());
        assertEquals(torn, skipped.text());
    }

    @Test
    void skippedLinesNameTheirSegmentAndCountLinesWithinIt() throws Exception {
        Ledger ledger = ledger(600);
        ledger.append(numbered(1));
        Files.writeString(ledger.file(), "garbage\n", StandardOpenOption.APPEND);
        ledger.append(numbered(2));
        ledger.append(numbered(3));
        ledger.append(numbered(4));
        Files.writeString(ledger.file(), "[1]\n", StandardOpenOption.APPEND);
        ledger.append(numbered(5));

        assertTrue(Files.exists(dir.resolve("ledger.000001.jsonl")), "" + names());
        List<SkippedLine> skipped = ledger.read().skipped();
        assertEquals(2, skipped.size(), "" + skipped);
        assertEquals("ledger.000001.jsonl", skipped.get(0).segment());
        assertEquals(2, skipped.get(0).lineNumber());
        assertTrue(
                skipped.get(0).reason().startsWith("not JSON: "), skipped.get(0).reason());
        assertEquals("not a JSON object", skipped.get(1).reason());
        assertEquals(
                Files.readAllLines(dir.resolve(skipped.get(1).segment()), UTF_8)
                        .get((int) skipped.get(1).lineNumber() - 1),
                "[1]");
        assertEquals(List.of(numbered(1), numbered(2), numbered(3), numbered(4), numbered(5)), ledger.events());
        SkippedLine old = new SkippedLine(3, "why", false, "text");
        assertEquals(null, old.segment());
        assertEquals(3, old.lineNumber());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aReaderRacingWithSealsNeitherLosesNorRepeatsAnEvent() throws Exception {
        Ledger writer = ledger(700);
        Ledger reader = ledger(700);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread appending = new Thread(() -> {
            try {
                for (int i = 0; i < 1500; i++) {
                    writer.append(numbered(i));
                    acknowledged.set(i + 1);
                }
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                writing.set(false);
            }
        });
        appending.start();
        int reads = 0;
        while (writing.get() || reads == 0) {
            int before = acknowledged.get();
            List<LedgerEvent> events = reader.events();
            assertTrue(events.size() >= before, events.size() + " events read, " + before + " acknowledged");
            for (int i = 0; i < events.size(); i++) {
                assertEquals(Integer.toString(i), events.get(i).details().get("seq"), "event " + i + " of a read");
            }
            reads++;
        }
        appending.join();
        assertEquals(null, failure.get());
        assertEquals(1500, reader.events().size());
        assertTrue(reader.files().size() > 100, reader.files().size() + " files");
        assertTrue(reads > 1, reads + " reads");
    }

    @Test
    void policyRefusesASegmentSizeBelowOneAndARetentionOfZero() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> new LedgerPolicy(0, null));
        assertEquals("maxSegmentBytes must be at least 1, not 0", size.getMessage());
        IllegalArgumentException retention =
                assertThrows(IllegalArgumentException.class, () -> LedgerPolicy.DEFAULT.withRetention(Duration.ZERO));
        assertEquals(
                "retention must be longer than zero, or none to keep the ledger forever, not PT0S",
                retention.getMessage());
        assertEquals(64L * 1024 * 1024, LedgerPolicy.DEFAULT.maxSegmentBytes());
        assertEquals(null, LedgerPolicy.DEFAULT.retention());
    }
}
