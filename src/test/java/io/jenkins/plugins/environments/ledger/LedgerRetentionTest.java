package io.jenkins.plugins.environments.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Retention: expired segments go, the events that still decide an answer are carried forward first. */
class LedgerRetentionTest {

    static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    static final Duration RETENTION = Duration.ofDays(10);
    static final LedgerPolicy POLICY = new LedgerPolicy(4096, RETENTION);

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("ledger.jsonl");
    }

    /** @return the ledger as a Jenkins that runs at {@code now} opens it */
    private Ledger at(Instant now) throws Exception {
        return Ledger.open(file(), Clock.fixed(now, ZoneOffset.UTC), POLICY);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void appendAll(Ledger ledger, List<LedgerEvent> events) throws Exception {
        for (LedgerEvent event : events) {
            ledger.append(event);
        }
    }

    @Test
    void compactionKeepsEveryAnswerOfTheFullLedgerOverGeneratedLedgers() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            Path home = dir.resolve("seed-" + seed);
            Path file = home.resolve("ledger.jsonl");
            GeneratedLedger generator = new GeneratedLedger(seed, START);
            List<LedgerEvent> full = new ArrayList<>();
            Instant now = START;
            int dropped = 0;
            int carried = 0;
            for (int round = 0; round < 5; round++) {
                // about four days of events a round, a segment every dozen events
                List<LedgerEvent> events = generator.next(700, 500);
                Ledger ledger = Ledger.open(file, Clock.fixed(now, ZoneOffset.UTC), POLICY);
                appendAll(ledger, events);
                full.addAll(events);
                now = events.get(events.size() - 1).time();
                if (round == 4) {
                    Files.writeString(file, "{\"type\":\"promoted\",\"app\":\"sh", StandardOpenOption.APPEND);
                }
                Ledger.Compaction compaction = Ledger.open(file, Clock.fixed(now, ZoneOffset.UTC), POLICY)
                        .compact();
                dropped += compaction.droppedEvents();
                carried += compaction.carriedEvents();

                Ledger.Contents contents = Ledger.open(file, Clock.fixed(now, ZoneOffset.UTC), POLICY)
                        .read();
                List<LedgerEvent> compacted = contents.events();
                Answers expected = Answers.of(full, generator.digests());
                assertEquals(expected, Answers.of(compacted, generator.digests()), "seed " + seed + " round " + round);
                assertTrue(isSubsequence(compacted, full), "carried events keep their order, nothing is added");
                Instant cutoff = now.minus(RETENTION);
                List<LedgerEvent> recent = full.stream()
                        .filter(event -> !event.time().isBefore(cutoff))
                        .toList();
                assertEquals(
                        recent,
                        compacted.subList(compacted.size() - recent.size(), compacted.size()),
                        "every event within the retention is still there, in order");
                assertEquals(round == 4, contents.tornTail(), "the torn last line stays the active file's");
            }
            Answers answers = Answers.of(full, generator.digests());
            assertTrue(answers.standingVetoes() > 0, "the generated ledgers have standing vetoes");
            assertFalse(answers.previews().isEmpty(), "and open previews");
            assertTrue(carried > 0, "seed " + seed + ": events were carried");
            assertTrue(
                    dropped > full.size() / 10,
                    dropped + " of " + full.size() + " events dropped, " + carried + " carried");
        }
    }

    private static boolean isSubsequence(List<LedgerEvent> part, List<LedgerEvent> whole) {
        int at = 0;
        for (LedgerEvent event : part) {
            while (at < whole.size() && !whole.get(at).equals(event)) {
                at++;
            }
            if (at == whole.size()) {
                return false;
            }
            at++;
        }
        return true;
    }

    @Test
    void retentionNeverRemovesTheActiveFileNorASegmentWithAnEventWithinRetention() throws Exception {
        GeneratedLedger generator = new GeneratedLedger(7, START);
        List<LedgerEvent> events = generator.next(600, 3600);
        appendAll(at(START), events);
        Instant now = events.get(events.size() - 1).time();
        Instant cutoff = now.minus(RETENTION);
        Map<String, Instant> newest = new HashMap<>();
        for (Path segment : at(now).files()) {
            if (!segment.equals(file())) {
                newest.put(segment.getFileName().toString(), newestIn(segment));
            }
        }
        List<String> before = names();

        Ledger.Compaction compaction = at(now).compact();

        assertFalse(compaction.removed().isEmpty(), "some segments expired");
        assertTrue(Files.exists(file()), "the active file stays");
        for (String removed : compaction.removed()) {
            assertTrue(newest.get(removed).isBefore(cutoff), removed + " held only events older than the cutoff");
        }
        for (Map.Entry<String, Instant> segment : newest.entrySet()) {
            if (!segment.getValue().isBefore(cutoff)) {
                assertTrue(Files.exists(dir.resolve(segment.getKey())), segment.getKey() + " is within retention");
            }
        }
        List<String> after = names();
        String carried = after.stream()
                .filter(name -> name.endsWith("-carried.jsonl"))
                .findFirst()
                .orElseThrow();
        int removedCount = compaction.removed().size();
        assertEquals(String.format("ledger.%06d-carried.jsonl", removedCount), carried);
        assertEquals(before.size() - removedCount + 1, after.size());
        assertEquals(0, at(now).compact().removed().size(), "a second compaction at the same time finds nothing");
    }

    private static Instant newestIn(Path segment) throws Exception {
        Instant newest = Instant.MIN;
        for (String line : Files.readAllLines(segment, UTF_8)) {
            int at = line.indexOf("\"time\":\"") + 8;
            Instant time = Instant.parse(line.substring(at, line.indexOf('"', at)));
            newest = time.isAfter(newest) ? time : newest;
        }
        return newest;
    }

    @Test
    void aSegmentStaysWhileAnOlderSegmentStays() throws Exception {
        Ledger ledger = at(START);
        GeneratedLedger generator = new GeneratedLedger(8, START);
        appendAll(ledger, generator.next(40, 60));
        ledger.append(LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "dev")
                .time(START.plus(Duration.ofDays(365)))
                .detail("padding", "x".repeat(4096)));
        appendAll(ledger, generator.next(200, 60));
        List<String> before = names();
        assertTrue(before.size() > 10, "" + before);

        Ledger.Compaction compaction = at(START.plus(Duration.ofDays(100))).compact();

        int sealedBefore = (int) before.stream()
                .filter(n -> n.matches("ledger\\.[0-9]{6}\\.jsonl"))
                .count();
        assertTrue(compaction.removed().size() < sealedBefore / 2, "only the segments before the future event go");
        assertTrue(Files.exists(dir.resolve(before.get(before.size() - 3))), "later segments stay");
    }

    @Test
    void withoutRetentionCompactionRemovesNothing() throws Exception {
        Ledger ledger = Ledger.open(
                file(), Clock.fixed(START.plus(Duration.ofDays(999)), ZoneOffset.UTC), POLICY.withRetention(null));
        List<LedgerEvent> events = new GeneratedLedger(9, START).next(300, 600);
        appendAll(ledger, events);
        List<String> before = names();
        Ledger.Compaction compaction = ledger.compact();
        assertEquals(new Ledger.Compaction(List.of(), 0, 0), compaction);
        assertEquals(before, names());
        assertEquals(events, ledger.events());
    }

    @Test
    void aCrashBetweenCarryingAndDeletingLosesNothingAndCountsNothingTwice() throws Exception {
        GeneratedLedger generator = new GeneratedLedger(11, START);
        List<LedgerEvent> first = generator.next(500, 1800);
        appendAll(at(START), first);
        Instant firstNow = first.get(first.size() - 1).time();
        at(firstNow).compact();
        List<LedgerEvent> second = generator.next(500, 1800);
        appendAll(at(firstNow), second);
        Instant now = second.get(second.size() - 1).time();

        // what the files were before the compaction: a crash after the carried segment's rename and before the
        // deletions leaves all of them, and the new carried segment, behind
        Path saved = Files.createDirectories(dir.resolve("saved"));
        List<String> before =
                names().stream().filter(name -> name.startsWith("ledger.0")).toList();
        for (String name : before) {
            Files.copy(dir.resolve(name), saved.resolve(name));
        }
        Ledger.Compaction compaction = at(now).compact();
        List<LedgerEvent> compacted = at(now).events();
        assertTrue(compaction.removed().size() > 2, "" + compaction);
        for (String name : compaction.removed()) {
            Files.copy(saved.resolve(name), dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
        }
        List<String> carried =
                names().stream().filter(name -> name.endsWith("-carried.jsonl")).toList();
        assertEquals(2, carried.size(), "the old carried segment is back beside the new one: " + carried);

        assertEquals(compacted, at(now).events(), "readers skip what the newer carried segment covers");
        List<LedgerEvent> full = new ArrayList<>(first);
        full.addAll(second);
        assertEquals(Answers.of(full, generator.digests()), Answers.of(at(now).events(), generator.digests()));

        Ledger.Compaction cleanup = at(now).compact();
        assertEquals(
                compaction.removed().stream().sorted().toList(),
                cleanup.removed().stream().sorted().toList());
        assertEquals(0, cleanup.carriedEvents());
        assertEquals(compacted, at(now).events());
    }

    @Test
    void anInterruptedCarryLeavesATemporaryFileThatReadersIgnoreAndCompactionRemoves() throws Exception {
        GeneratedLedger generator = new GeneratedLedger(12, START);
        List<LedgerEvent> events = generator.next(400, 1800);
        appendAll(at(START), events);
        Instant now = events.get(events.size() - 1).time();
        Path temp = dir.resolve("ledger.jsonl" + Segments.TEMP_SUFFIX);
        Files.writeString(temp, LedgerJson.write(events.get(0)) + "\n{\"type\":\"depl");

        assertEquals(events, at(now).events(), "a carried segment being written is not read");

        Ledger.Compaction compaction = at(now).compact();
        assertTrue(compaction.removed().contains(temp.getFileName().toString()), "" + compaction.removed());
        assertFalse(Files.exists(temp));
        assertEquals(Answers.of(events, generator.digests()), Answers.of(at(now).events(), generator.digests()));
    }

    @Test
    void theCarriedSegmentHoldsTheOriginalLinesInTheirOrder() throws Exception {
        GeneratedLedger generator = new GeneratedLedger(13, START);
        List<LedgerEvent> events = generator.next(400, 3600);
        appendAll(at(START), events);
        List<String> original = new ArrayList<>();
        for (Path file : at(START).files()) {
            original.addAll(Files.readAllLines(file, UTF_8));
        }
        Instant now = events.get(events.size() - 1).time();
        at(now).compact();
        Path carried = at(now).files().get(0);
        assertTrue(carried.getFileName().toString().endsWith("-carried.jsonl"), "" + carried);
        List<String> lines = Files.readAllLines(carried, UTF_8);
        assertFalse(lines.isEmpty());
        int at = 0;
        for (String line : lines) {
            at = original.indexOf(line) + 1;
            assertTrue(at > 0, "a line of the carried segment is a line of the ledger: " + line);
        }
        assertTrue(Files.readString(carried, UTF_8).endsWith("}\n"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aReaderRacingWithSealsAndCompactionsNeitherLosesNorRepeatsAnEvent() throws Exception {
        // each event names its own request, so every one of them decides an answer and is carried
        Instant now = START.plus(Duration.ofDays(1000));
        Ledger writer = Ledger.open(file(), Clock.fixed(now, ZoneOffset.UTC), new LedgerPolicy(900, RETENTION));
        Ledger compactor = Ledger.open(file(), Clock.fixed(now, ZoneOffset.UTC), new LedgerPolicy(900, RETENTION));
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread appending = new Thread(() -> {
            try {
                for (int i = 0; i < 800; i++) {
                    writer.append(LedgerEvent.builder(LedgerEventType.APPROVED, "shop", "prod")
                            .time(START.plusSeconds(i))
                            .detail("request", "job/shop/" + i + "/")
                            .detail("seq", Integer.toString(i)));
                    acknowledged.set(i + 1);
                }
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                writing.set(false);
            }
        });
        Thread compacting = new Thread(() -> {
            try {
                while (writing.get()) {
                    compactor.compact();
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        appending.start();
        compacting.start();
        int reads = 0;
        while (writing.get() || reads == 0) {
            int before = acknowledged.get();
            List<LedgerEvent> events = writer.events();
            assertTrue(events.size() >= before, events.size() + " events read, " + before + " acknowledged");
            for (int i = 0; i < events.size(); i++) {
                assertEquals(Integer.toString(i), events.get(i).details().get("seq"), "event " + i + " of a read");
            }
            reads++;
        }
        appending.join();
        compacting.join();
        assertEquals(null, failure.get());
        compactor.compact();
        assertEquals(800, writer.events().size());
        assertTrue(at(now).files().get(0).getFileName().toString().endsWith("-carried.jsonl"));
    }
}
