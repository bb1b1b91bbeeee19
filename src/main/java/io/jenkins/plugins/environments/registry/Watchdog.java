package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches the requests of one registry session: a request whose remote end moves no byte for the idle timeout, or
 * that is still under way when the step's deadline passes, is aborted (its exchange cancelled, its answer's stream
 * closed), which wakes whichever thread waits on it. {@code java.net.http} bounds only the wait for an answer's
 * headers; this bounds every read and every write, including a blob streamed from one registry into another.
 *
 * <p>One daemon thread per session, started with the first request and stopped when the session closes; a session's
 * concurrent requests share it. A watch
 * checks when its request could first have been idle for the whole timeout (or reach the deadline), and again from
 * the last byte that moved, so a stall is noticed within milliseconds of the timeout.
 */
final class Watchdog implements AutoCloseable {

    /** The earliest a check runs again, so that a watch never spins. */
    private static final long FINEST_NANOS = Duration.ofMillis(5).toNanos();

    private final Timeouts timeouts;
    private final String name;
    private ScheduledThreadPoolExecutor timer;
    private boolean closed;

    Watchdog(Timeouts timeouts, String name) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.name = name;
    }

    Timeouts timeouts() {
        return timeouts;
    }

    /**
     * Starts watching one request.
     *
     * @param who the registry (or token service), as messages name it
     * @param what what is transferred: {@code manifest}, {@code blob}, {@code blob upload}, {@code token}…
     * @param request the request without its query, for messages
     * @param deadline the step's deadline
     */
    synchronized Watch watch(String who, String what, String request, Deadline deadline) {
        if (closed) {
            // The session closed while another thread was about to send: no new timer thread may outlive it.
            throw new IllegalStateException("the registry session is closed");
        }
        if (timer == null) {
            timer = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "registry watchdog: " + name);
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
        }
        Watch watch = new Watch(who, what, request, deadline, timeouts.idle(), timer);
        watch.schedule(watch.idleNanos);
        return watch;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    /**
     * One watched request. The request is idle while the plugin waits on the remote end ({@link #waiting()}) and no
     * byte moved; waiting on the plugin's own side (reading the source of an upload, say) is not the remote's stall.
     */
    static final class Watch implements AutoCloseable {

        private final String who;
        private final String what;
        private final String request;
        private final Deadline deadline;
        private final long idleNanos;
        private volatile long since = System.nanoTime();
        private volatile boolean waiting;
        private volatile Runnable abort = () -> {};
        private volatile String failure;
        private final ScheduledThreadPoolExecutor timer;
        private volatile ScheduledFuture<?> check;
        private volatile boolean closed;

        private Watch(
                String who,
                String what,
                String request,
                Deadline deadline,
                Duration idle,
                ScheduledThreadPoolExecutor timer) {
            this.timer = timer;
            this.who = who;
            this.what = what;
            this.request = request;
            this.deadline = deadline;
            this.idleNanos = idle.toNanos();
        }

        /** From now on the plugin waits on the remote end. */
        void waiting() {
            since = System.nanoTime();
            waiting = true;
        }

        /** The remote end is not what the plugin waits on now. */
        void paused() {
            waiting = false;
        }

        /** Some bytes moved. */
        void progress() {
            since = System.nanoTime();
        }

        /** What to do to abort the request now; run at once if the watch has already fired. */
        void abortWith(Runnable action) {
            abort = action;
            if (failure != null) {
                action.run();
            }
        }

        /** @return whether the request was aborted */
        boolean fired() {
            return failure != null;
        }

        /** @return why the request was aborted, as an exception with the given cause (or none) */
        RegistryStallException failure(Throwable cause) {
            RegistryStallException stall = new RegistryStallException(failure);
            if (cause != null) {
                stall.initCause(cause);
            }
            return stall;
        }

        /** @return the deadline this request is bounded by */
        Deadline deadline() {
            return deadline;
        }

        /** Runs the next check in {@code nanos}, or when the deadline passes if that is sooner. */
        private synchronized void schedule(long nanos) {
            if (closed) {
                return;
            }
            long delay =
                    Math.max(FINEST_NANOS, Math.min(nanos, deadline.remaining().toNanos()));
            try {
                check = timer.schedule(this::check, delay, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // The session is closing.
            }
        }

        /** Fires if the request is idle or the deadline has passed; otherwise checks again when it could be. */
        private void check() {
            if (failure != null || closed) {
                return;
            }
            long idleFor = System.nanoTime() - since;
            if (deadline.expired()) {
                fire(who + ": " + deadline.describe() + " ran out during the " + what + " transfer (" + request + ")");
            } else if (waiting && idleFor >= idleNanos) {
                fire(who + " stalled: no byte of the " + what + " moved for "
                        + Durations.format(Duration.ofNanos(idleNanos)) + " (" + request + ")");
            } else {
                schedule(waiting ? idleNanos - idleFor : idleNanos);
            }
        }

        private void fire(String message) {
            failure = message;
            close();
            abort.run();
        }

        @Override
        public synchronized void close() {
            closed = true;
            if (check != null) {
                check.cancel(false);
            }
        }
    }
}
