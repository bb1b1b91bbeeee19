package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerFollowerTest {

    @TempDir
    Path folder;

    @Test
    void theIndexHoldsTheLedgerAndEveryLaterAppend() throws Exception {
        Ledger ledger = Ledger.open(folder.resolve("ledger.jsonl"), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            promote(ledger, i);
        }
        try (LedgerFollower follower = LedgerFollower.follow(ledger)) {
            assertEquals(3, follower.index().revision());
            promote(ledger, 3);
            promote(ledger, 4);

            assertEquals(5, follower.index().revision());
            assertSameAsAFreshIndex(ledger, follower.index());
        }
    }

    @Test
    void appendsWhileTheIndexIsBuiltAreCountedOnce() throws Exception {
        Ledger ledger = Ledger.open(folder.resolve("ledger.jsonl"), Clock.systemUTC());
        for (int i = 0; i < 2_000; i++) {
            promote(ledger, i);
        }
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                started.countDown();
                for (int i = 2_000; i < 2_400; i++) {
                    promote(ledger, i);
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        writer.start();
        started.await();
        try (LedgerFollower follower = LedgerFollower.follow(ledger)) {
            writer.join();
            assertEquals(null, failure.get());

            assertEquals(2_400, follower.index().revision(), "every event once, none twice");
            assertSameAsAFreshIndex(ledger, follower.index());
        }
    }

    @Test
    void aClosedFollowerHearsNoMore() throws Exception {
        Ledger ledger = Ledger.open(folder.resolve("ledger.jsonl"), Clock.systemUTC());
        promote(ledger, 0);
        LedgerFollower follower = LedgerFollower.follow(ledger);
        follower.close();
        promote(ledger, 1);

        assertEquals(1, follower.index().revision());
    }

    private static void assertSameAsAFreshIndex(Ledger ledger, LedgerIndex followed) throws Exception {
        LedgerIndex fresh = LedgerIndex.of(ledger.events());
        assertEquals(fresh.revision(), followed.revision());
        assertEquals(fresh.apps(), followed.apps());
        for (String app : fresh.apps()) {
            assertEquals(fresh.history(app), followed.history(app), app);
            assertEquals(fresh.arrivals(app, "prod"), followed.arrivals(app, "prod"), app);
        }
    }

    private static void promote(Ledger ledger, int i) throws Exception {
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "app-" + (i % 7), "prod")
                .digest(digest(i))
                .actor("alice")
                .build("job/app-" + (i % 7) + "/" + (i + 1) + "/"));
    }

    private static LedgerEvent event(int i) {
        return LedgerEvent.builder(LedgerEventType.PROMOTED, "app", "prod")
                .time(Instant.parse("2026-12-07T10:00:00Z").plusSeconds(i))
                .digest(digest(i))
                .build();
    }

    private static String digest(int i) {
        return "sha256:" + String.format("%064x", i);
    }
}
