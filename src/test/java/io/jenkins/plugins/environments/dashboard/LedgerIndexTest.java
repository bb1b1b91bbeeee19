package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LedgerIndexTest {

    private static Map<String, String> sources(SyntheticLedger ledger) {
        Map<String, String> sources = new HashMap<>();
        for (Environment e : ledger.environmentList()) {
            if (e.promotesFrom() != null) {
                sources.put(e.name(), e.promotesFrom());
            }
        }
        return sources;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261207})
    void indexBuiltAtOnceAnswersWhatAFullScanAnswers(long seed) {
        SyntheticLedger ledger = SyntheticLedger.of(30, seed % 2 == 0 ? 8 : 5, 60, 4000, seed);
        Map<String, String> sources = sources(ledger);
        List<LedgerEvent> events = ledger.events();

        FullScan.Answers expected = FullScan.scan(events, sources);
        FullScan.Answers actual = FullScan.of(LedgerIndex.of(events), sources);

        assertEquals(expected.states(), actual.states());
        assertEquals(expected.cells(), actual.cells());
        assertEquals(expected.previews(), actual.previews());
        assertEquals(expected.approvals(), actual.approvals());
        assertEquals(expected.histories(), actual.histories());
    }

    @Test
    void generatedLedgersHaveEveryKindOfAnswer() {
        SyntheticLedger ledger = SyntheticLedger.of(30, 8, 60, 4000, 7);
        LedgerIndex index = LedgerIndex.of(ledger.events());
        LedgerIndex.Snapshot snapshot = index.snapshot(sources(ledger));

        assertTrue(snapshot.cells().stream().anyMatch(c -> c.started() != null), "a promotion under way");
        assertTrue(snapshot.cells().stream().anyMatch(c -> c.failed() != null), "a failed promotion");
        assertTrue(snapshot.cells().stream().anyMatch(CellFacts::held), "a hold");
        assertTrue(snapshot.cells().stream().anyMatch(c -> c.behind() > 1), "an environment behind by more than one");
        assertTrue(snapshot.approvals().stream().anyMatch(a -> a.approvals() == 1), "an approval half-way");
        assertTrue(snapshot.approvals().stream().anyMatch(a -> a.approvals() == 0), "an approval without votes");
        assertTrue(snapshot.previews().stream().anyMatch(LivePreview::pinned), "a pinned preview");
        assertTrue(
                snapshot.previews().size() >= 30,
                "previews: " + snapshot.previews().size());
        for (LedgerEventType type : LedgerEventType.values()) {
            if (type != LedgerEventType.VETO_CLEARED) {
                assertTrue(ledger.events().stream().anyMatch(e -> e.type() == type), "an event of type " + type.id());
            }
        }
        assertEquals(ledger.events().size(), index.revision());
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void eventsArrivingOneByOneGiveTheSameAnswersAsTheScanOfWhatArrivedSoFar(long seed) {
        SyntheticLedger ledger = SyntheticLedger.of(12, 8, 20, 2500, seed);
        Map<String, String> sources = sources(ledger);
        List<LedgerEvent> events = ledger.events();
        LedgerIndex index = new LedgerIndex();
        for (int i = 0; i < events.size(); i++) {
            index.accept(events.get(i));
            if (i % 311 == 0 || i == events.size() - 1) {
                List<LedgerEvent> sofar = events.subList(0, i + 1);
                assertEquals(
                        FullScan.scan(sofar, sources), FullScan.of(index, sources), "after " + (i + 1) + " events");
            }
        }
        assertEquals(FullScan.of(LedgerIndex.of(events), sources), FullScan.of(index, sources));
    }

    @Test
    void answersGivenOutDoNotChangeWhenLaterEventsArrive() {
        SyntheticLedger ledger = SyntheticLedger.of(10, 5, 20, 1500, 11);
        List<LedgerEvent> events = ledger.events();
        LedgerIndex index = LedgerIndex.of(events.subList(0, 1000));
        Map<String, String> sources = sources(ledger);
        FullScan.Answers before = FullScan.of(index, sources);
        LedgerIndex.Snapshot snapshot = index.snapshot(sources);
        List<HistoryEntry> history = index.history("app-001");

        events.subList(1000, events.size()).forEach(index);

        assertEquals(FullScan.scan(events.subList(0, 1000), sources), before);
        assertEquals(1000, snapshot.revision());
        assertEquals(index.snapshot(sources).revision(), events.size());
        assertEquals(
                FullScan.of(LedgerIndex.of(events.subList(0, 1000)), sources)
                        .histories()
                        .get("app-001")
                        .size(),
                history.size());
    }

    @Test
    void readersWhileEventsArriveSeeConsistentAnswersAndTheEndIsTheScan() throws Exception {
        SyntheticLedger ledger = SyntheticLedger.of(20, 8, 40, 6000, 13);
        List<LedgerEvent> events = ledger.events();
        Map<String, String> sources = sources(ledger);
        LedgerIndex index = new LedgerIndex();
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(3);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                started.countDown();
                long last = 0;
                try {
                    while (!done.get()) {
                        LedgerIndex.Snapshot snapshot = index.snapshot(sources);
                        if (snapshot.revision() < last) {
                            throw new AssertionError("revision went back from " + last + " to " + snapshot.revision());
                        }
                        last = snapshot.revision();
                        HistoryPage page = index.history("app-003", e -> true, 0, 10);
                        if (page.events().size() > 10) {
                            throw new AssertionError("page too long");
                        }
                        index.openPreviews();
                        index.pendingApprovals();
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            });
            reader.start();
            readers.add(reader);
        }
        started.await();
        Thread writer = new Thread(() -> events.forEach(index));
        writer.start();
        writer.join();
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertTrue(failures.isEmpty(), () -> "readers failed: " + failures);
        assertEquals(FullScan.scan(events, sources), FullScan.of(index, sources));
    }

    @Test
    void indexRebuiltFromALedgerFileWithATornLastLineThenFollowingItsAppends(@TempDir Path dir) throws Exception {
        SyntheticLedger synthetic = SyntheticLedger.of(6, 5, 10, 600, 17);
        Map<String, String> sources = sources(synthetic);
        List<LedgerEvent> events = synthetic.events();
        Ledger ledger = Ledger.open(dir.resolve("ledger.jsonl"), Clock.systemUTC());
        for (LedgerEvent event : events.subList(0, 400)) {
            ledger.append(event);
        }
        Files.writeString(ledger.file(), "{\"type\":\"promoted\",\"time\":\"2026-", StandardOpenOption.APPEND);

        Ledger reopened = Ledger.open(ledger.file(), Clock.systemUTC());
        assertTrue(reopened.read().tornTail());
        LedgerIndex index = LedgerIndex.of(reopened.events());
        assertEquals(400, index.revision());
        assertEquals(FullScan.scan(events.subList(0, 400), sources), FullScan.of(index, sources));

        for (LedgerEvent event : events.subList(400, events.size())) {
            reopened.append(event);
            index.accept(event);
        }
        List<LedgerEvent> written = reopened.events();
        assertEquals(events.size(), written.size());
        assertEquals(FullScan.scan(written, sources), FullScan.of(index, sources));
    }

    @Test
    void arrivalsAreTheDistinctDigestsThatEnteredOrderedByTheirLatestArrival() {
        Events e = new Events();
        e.deploy("shop", "dev", 'a');
        e.deploy("shop", "dev", 'b');
        e.deploy("shop", "dev", 'a');
        e.add(LedgerEventType.ROLLED_BACK, "shop", "dev", 'c');
        e.add(LedgerEventType.PROMOTED, "shop", "dev", 'd');
        LedgerIndex index = LedgerIndex.of(e.events);
        assertEquals(
                List.of(Events.digest('b'), Events.digest('a'), Events.digest('d')), index.arrivals("shop", "dev"));
        assertEquals(List.of(), index.arrivals("shop", "prod"));
        assertEquals(List.of(), index.arrivals("nope", "dev"));
    }

    @Test
    void behindCountsTheDigestsTheSourceReceivedAfterTheOneTheCellRuns() {
        Events e = new Events();
        e.deploy("shop", "dev", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'a');
        e.deploy("shop", "dev", 'b');
        e.deploy("shop", "dev", 'c');
        e.deploy("shop", "dev", 'b');
        LedgerIndex index = LedgerIndex.of(e.events);
        assertEquals(2, index.cell("shop", "staging", "dev").orElseThrow().behind());
        assertEquals(0, index.cell("shop", "staging", null).orElseThrow().behind());

        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'c');
        index = LedgerIndex.of(e.events);
        assertEquals(1, index.cell("shop", "staging", "dev").orElseThrow().behind(), "b came again after c");

        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'b');
        index = LedgerIndex.of(e.events);
        assertEquals(0, index.cell("shop", "staging", "dev").orElseThrow().behind(), "runs what dev runs");
    }

    @Test
    void behindIsNothingWhenTheSourceRunsNothingOrWasRolledBackToAnOlderDigest() {
        Events e = new Events();
        e.deploy("shop", "dev", 'a');
        e.deploy("shop", "dev", 'b');
        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'b');
        e.add(LedgerEventType.ROLLED_BACK, "shop", "dev", 'a');
        assertEquals(
                0,
                LedgerIndex.of(e.events)
                        .cell("shop", "staging", "dev")
                        .orElseThrow()
                        .behind());
        e.deploy("shop", "dev", 'c');
        e.add(LedgerEventType.TORN_DOWN, "shop", "dev", ' ');
        assertEquals(
                0,
                LedgerIndex.of(e.events)
                        .cell("shop", "staging", "dev")
                        .orElseThrow()
                        .behind());
    }

    @Test
    void aDigestThatNeverPassedTheSourceCountsFromWhenItArrivedInTheCell() {
        Events e = new Events();
        e.deploy("shop", "dev", 'a');
        e.deploy("shop", "staging", 'e');
        e.deploy("shop", "dev", 'b');
        assertEquals(
                1,
                LedgerIndex.of(e.events)
                        .cell("shop", "staging", "dev")
                        .orElseThrow()
                        .behind());
    }

    @Test
    void theSameRequestAskedTwiceIsOnePendingApproval() {
        Events e = new Events();
        e.requested("shop", "prod", 'a', "job/shop/1/#1");
        e.requested("shop", "prod", 'a', "job/shop/1/#1");
        assertEquals(1, LedgerIndex.of(e.events).pendingApprovals().size());
        e.decided(LedgerEventType.APPROVAL_CANCELLED, "shop", "prod", 'a', "job/shop/1/#1", null);
        assertEquals(List.of(), LedgerIndex.of(e.events).pendingApprovals());
    }

    @Test
    void approvalEventsWithoutARequestIdMatchTheirRequestByBuildAppEnvironmentAndDigest() {
        Events e = new Events();
        e.add(LedgerEvent.builder(LedgerEventType.APPROVAL_REQUESTED, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/3/")
                .actor("alice"));
        e.add(LedgerEvent.builder(LedgerEventType.APPROVED, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/3/")
                .actor("bob")
                .detail("approvals", "1/2")
                .detail("state", "pending"));
        LedgerIndex index = LedgerIndex.of(e.events);
        PendingApproval pending = index.pendingApprovals().get(0);
        assertEquals(1, pending.approvals());
        assertEquals(2, pending.required(), "the required count from the approval when the request names none");
        e.add(LedgerEvent.builder(LedgerEventType.REJECTED, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/3/")
                .actor("carol"));
        assertEquals(List.of(), LedgerIndex.of(e.events).pendingApprovals());
    }

    @Test
    void aPreviewEventWithoutABuildBelongsToThePreviewsLastBuild() {
        Events e = new Events();
        e.add(LedgerEvent.builder(LedgerEventType.DEPLOYED, "shop", "preview")
                .pr(7)
                .digest(Events.digest('a'))
                .build("job/shop/job/PR-7/2/")
                .detail("job", "shop/PR-7"));
        e.add(LedgerEvent.builder(LedgerEventType.TORN_DOWN, "shop", "preview")
                .pr(7)
                .reason("ttl"));
        e.add(LedgerEvent.builder(LedgerEventType.TORN_DOWN, "shop", "preview")
                .pr(8)
                .reason("pr-closed")
                .detail("job", "shop/PR-8"));
        List<HistoryEntry> history = LedgerIndex.of(e.events).history("shop");
        assertEquals("job/shop/job/PR-8/", history.get(0).owner());
        assertEquals(null, history.get(0).build());
        assertEquals("job/shop/job/PR-7/2/", history.get(1).owner());
        assertEquals(null, history.get(1).build());
    }

    @Test
    void historyKeepsOnlyTheShownDetails() {
        Events e = new Events();
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "prod")
                .digest(Events.digest('a'))
                .detail("strategy", "registry")
                .detail("target", "registry.internal/team/shop:prod")
                .detail("gates", "PASS scan")
                .detail("cluster", "prod-eu")
                .detail("tag", "prod"));
        HistoryEntry entry = LedgerIndex.of(e.events).history("shop").get(0);
        assertEquals(Map.of("strategy", "registry", "tag", "prod"), entry.details());
    }

    @Test
    void oneHundredThousandEventsIndexWithinBudget() {
        SyntheticLedger ledger = SyntheticLedger.of(500, 8, 2000, 100_000, 99);
        List<LedgerEvent> events = ledger.events();
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory() - runtime.freeMemory();
        // Processor time of this thread: the machine running the tests may be busy with other work.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        LedgerIndex index = LedgerIndex.of(events);
        long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
        System.gc();
        long after = runtime.totalMemory() - runtime.freeMemory();
        assertEquals(100_000, index.revision(), "every event taken");
        assertTrue(millis < 5_000, "took " + millis + " ms of processor time");
        assertFalse(
                index.openPreviews().size() > 2000,
                "previews " + index.openPreviews().size());
        long megabytes = (after - before) / (1024 * 1024);
        assertTrue(megabytes < 150, "the index holds " + megabytes + " MiB");
    }
}
