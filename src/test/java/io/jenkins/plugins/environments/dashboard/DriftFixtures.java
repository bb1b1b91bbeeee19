package io.jenkins.plugins.environments.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** A clock that moves only when told, and an executor that runs what it is given only when told. */
final class DriftFixtures {

    static final Instant T0 = Instant.parse("2026-12-07T22:00:00Z");

    private DriftFixtures() {}

    /** A clock that stands still until {@link #advance}. */
    static final class ManualClock extends Clock {
        private volatile Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    /** Keeps the tasks it is handed until the test runs them, oldest first. */
    static final class HeldExecutor implements Executor {
        private final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            held.add(task);
        }

        synchronized int size() {
            return held.size();
        }

        /** Runs the oldest held task; the tasks it hands over meanwhile are held too. */
        void runOne() {
            Runnable task;
            synchronized (this) {
                task = held.poll();
            }
            if (task == null) {
                throw new IllegalStateException("no task is held");
            }
            task.run();
        }

        /** Runs held tasks until none is left. */
        void runAll() {
            while (size() > 0) {
                runOne();
            }
        }
    }
}
