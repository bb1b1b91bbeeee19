package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The monitor's rules that do not depend on a strategy: the bound on reads in flight, the interval per cell, the
 * deadline of a read that overstays, forgetting cells, cells that cannot be read. The reader here is the port's
 * simplest implementation, a table of what runs per cell; the strategies' own readers are tested against real
 * servers in {@link DeployDriftTest}, {@link GitOpsDriftTest} and {@link RegistryDriftTest}.
 */
class DriftMonitorTest {

    private static final String PROMOTED = "sha256:" + "a".repeat(64);
    private static final String OTHER = "sha256:" + "c".repeat(64);

    private final DriftFixtures.ManualClock clock = new DriftFixtures.ManualClock();
    private final DriftFixtures.HeldExecutor executor = new DriftFixtures.HeldExecutor();
    private final Map<String, String> live = new ConcurrentHashMap<>();
    private final LiveDigestReader table = (target, deadline) -> live.getOrDefault(target.app(), PROMOTED);

    private DriftMonitor monitor(LiveDigestReader reader) {
        return new DriftMonitor(Map.of(DriftTarget.REGISTRY, reader), clock, executor, DriftMonitor.Settings.DEFAULT);
    }

    private static DriftTarget target(String app) {
        return DriftTarget.registry(app, "prod", PROMOTED, "registry.example.com/team/" + app, "prod");
    }

    private static List<DriftTarget> targets(int count) {
        List<DriftTarget> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            targets.add(target("app-" + i));
        }
        return targets;
    }

    @Test
    void neverMoreThanTwoReadsAreHandedOutAtOnce() {
        DriftMonitor monitor = monitor(table);
        monitor.watch(targets(7));

        monitor.refresh();
        assertEquals(2, executor.size(), "two reads handed out");
        assertEquals(2, monitor.inFlight());
        monitor.refresh();
        assertEquals(2, executor.size(), "a refresh while two run hands out nothing more");

        executor.runOne();
        assertEquals(2, executor.size(), "the finished read made room for the next one");
        executor.runAll();

        assertEquals(7, monitor.reads());
        assertEquals(2, monitor.mostInFlight());
        assertEquals(0, monitor.inFlight());
        for (int i = 0; i < 7; i++) {
            assertEquals(
                    DriftStatus.SAME,
                    monitor.reading("app-" + i, "prod").orElseThrow().status());
        }
    }

    @Test
    void eachCellIsReadAtMostOncePerInterval() {
        DriftMonitor monitor = monitor(table);
        monitor.watch(targets(3));
        monitor.refresh();
        executor.runAll();
        assertEquals(3, monitor.reads());

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        monitor.refresh();
        assertEquals(0, executor.size());
        assertEquals(3, monitor.reads(), "nothing is due before five minutes");

        clock.advance(Duration.ofSeconds(1));
        monitor.refresh();
        executor.runAll();
        assertEquals(6, monitor.reads());
    }

    @Test
    void withRealThreadsTheBoundHoldsToo() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        LiveDigestReader slow = (target, deadline) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(30, TimeUnit.SECONDS);
                return PROMOTED;
            } finally {
                running.decrementAndGet();
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            DriftMonitor monitor =
                    new DriftMonitor(Map.of(DriftTarget.REGISTRY, slow), clock, pool, DriftMonitor.Settings.DEFAULT);
            monitor.watch(targets(10));
            for (int i = 0; i < 5; i++) {
                monitor.refresh();
            }
            assertEquals(2, monitor.inFlight());
            // the two handed-out reads are on their threads before they are let go, however busy the machine
            long started = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (running.get() < 2) {
                assertTrue(System.nanoTime() < started, "both handed-out reads start");
                Thread.sleep(10);
            }
            release.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (monitor.reads() < 10 || monitor.inFlight() > 0) {
                assertTrue(System.nanoTime() < end, "the reads finish");
                Thread.sleep(10);
            }
            assertEquals(2, most.get(), "at most two readers ran at once");
            assertEquals(2, monitor.mostInFlight());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReadThatOverstaysItsDeadlineIsUnreadableAndItsLateAnswerIsDropped() {
        DriftMonitor monitor = monitor(table);
        monitor.watch(List.of(target("shop")));
        monitor.refresh();
        assertEquals(1, executor.size(), "the read was handed out and has not run");

        clock.advance(Duration.ofSeconds(21));
        monitor.refresh();

        DriftReading reading = monitor.reading("shop", "prod").orElseThrow();
        assertEquals(DriftStatus.UNREADABLE, reading.status());
        assertEquals("the registry of shop in prod did not answer within 20s", reading.message());
        assertEquals(1, monitor.inFlight(), "its slot stays taken until the reader returns");

        executor.runAll();
        assertEquals(
                DriftStatus.UNREADABLE,
                monitor.reading("shop", "prod").orElseThrow().status());
        assertEquals(0, monitor.inFlight());
    }

    @Test
    void theMessageOfAReadFailureIsOneRedactedLine() {
        DriftMonitor monitor = monitor((target, deadline) -> {
            throw new DriftReadException(
                    "registry 'hub' answered ghp_abcdefghijklmnopqrstuvwxyz0123456789\nsecond line");
        });
        monitor.watch(List.of(target("shop")));
        monitor.refresh();
        executor.runAll();

        DriftReading reading = monitor.reading("shop", "prod").orElseThrow();
        assertEquals(DriftStatus.UNREADABLE, reading.status());
        assertEquals("registry 'hub' answered ****\\u000Asecond line", reading.message());
    }

    @Test
    void anUnexpectedFailureIsShownByItsTypeOnly() {
        DriftMonitor monitor = monitor((target, deadline) -> {
            throw new IllegalStateException("https://10.0.0.1:6443 said no");
        });
        monitor.watch(List.of(target("shop")));
        monitor.refresh();
        executor.runAll();

        assertEquals(
                "the registry of shop in prod could not be read (IllegalStateException)",
                monitor.reading("shop", "prod").orElseThrow().message());
    }

    @Test
    void aCellRemovedFromTheListIsForgottenAndAChangedOneIsReadAgain() {
        DriftMonitor monitor = monitor(table);
        monitor.watch(List.of(target("shop"), target("cart")));
        monitor.refresh();
        executor.runAll();
        assertTrue(monitor.reading("cart", "prod").isPresent());

        DriftTarget promotedAgain =
                DriftTarget.registry("shop", "prod", OTHER, "registry.example.com/team/shop", "prod");
        monitor.watch(List.of(promotedAgain));

        assertEquals(Optional.empty(), monitor.reading("cart", "prod"), "cart is forgotten");
        assertEquals(Optional.empty(), monitor.reading("shop", "prod"), "shop's reading was of another promotion");
        assertEquals(List.of(promotedAgain), monitor.watched());
        monitor.refresh();
        executor.runAll();
        DriftReading reading = monitor.reading("shop", "prod").orElseThrow();
        assertEquals(DriftStatus.DIFFERENT, reading.status());
        assertEquals(
                "tag 'prod' points to sha256:aaaaaaaaaaaa, not the promoted sha256:cccccccccccc", reading.message());
    }

    @Test
    void aCellWithoutAReaderForItsStrategyIsUnknown() {
        DriftMonitor monitor = monitor(table);
        monitor.watch(List.of(
                new DriftTarget("shop", "dev", null, PROMOTED, null, null, null, null, null),
                DriftTarget.deploy("shop", "prod", PROMOTED, "prod-eu", "shop-prod", "registry.example.com/shop")));
        monitor.refresh();

        assertEquals(0, executor.size(), "nothing to hand out");
        DriftReading dev = monitor.reading("shop", "dev").orElseThrow();
        assertEquals(DriftStatus.UNKNOWN, dev.status());
        assertEquals("the ledger names no strategy for the last promotion of shop in dev", dev.message());
        assertEquals(
                "strategy 'deploy' is not read for drift",
                monitor.reading("shop", "prod").orElseThrow().message());
    }

    @Test
    void badSettingsAndTargetsAreRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new DriftMonitor.Settings(0, Duration.ofMinutes(5), Duration.ofSeconds(20)));
        assertEquals("maxInFlight must be at least 1, not 0", e.getMessage());
        RuntimeException digest = assertThrows(
                RuntimeException.class,
                () -> DriftTarget.registry("shop", "prod", "latest", "registry.example.com/shop", "prod"));
        assertTrue(digest.getMessage().contains("is not an image digest"), digest.getMessage());
    }
}
