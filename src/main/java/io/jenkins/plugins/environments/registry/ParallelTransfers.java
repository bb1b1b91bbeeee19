package io.jenkins.plugins.environments.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The worker threads of one image copy: at most {@code concurrency} of its transfers run at once, each on a daemon
 * thread named after the copy. A batch of transfers succeeds as a whole or not at all: the first that fails cancels
 * (interrupts) the others, and the batch returns only when none of them still runs. {@link #close()} ends the threads;
 * the copy closes it before it returns.
 */
final class ParallelTransfers implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(ParallelTransfers.class.getName());

    /** How long {@link #close()} waits for cancelled transfers to notice; each request is also watched on its own. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** One transfer. */
    @FunctionalInterface
    interface Transfer<T> {
        T run() throws RegistryAccessException;
    }

    private final int concurrency;
    private final ThreadPoolExecutor workers;
    private final List<Thread> started = new CopyOnWriteArrayList<>();

    /**
     * @param concurrency transfers at once, at least 1
     * @param name names the threads, such as the copy's target
     */
    ParallelTransfers(int concurrency, String name) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
        }
        this.concurrency = concurrency;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(
                concurrency, concurrency, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "registry copy " + count.incrementAndGet() + ": " + name);
                    thread.setDaemon(true);
                    started.add(thread);
                    return thread;
                });
    }

    /** @return how many transfers run at once at most */
    int concurrency() {
        return concurrency;
    }

    /**
     * Runs the transfers, at most {@link #concurrency()} at once, and returns their results in the order given. A batch
     * of one runs on the calling thread.
     *
     * @throws RegistryAccessException the first failure; the other transfers are cancelled and have ended
     */
    <T> List<T> all(List<? extends Transfer<T>> transfers) throws RegistryAccessException {
        if (transfers.size() == 1) {
            return Collections.singletonList(transfers.get(0).run());
        }
        Batch batch = new Batch();
        ExecutorCompletionService<T> done = new ExecutorCompletionService<>(workers);
        List<Future<T>> futures = new ArrayList<>();
        boolean complete = false;
        try {
            for (Transfer<T> transfer : transfers) {
                futures.add(done.submit(() -> batch.run(transfer)));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    throw unwrap(e.getCause());
                }
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            complete = true;
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryAccessException("interrupted while transferring; nothing was tagged", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } finally {
            if (!complete) {
                batch.stop(futures);
            }
        }
    }

    /** The transfers of one call of {@link #all}: which still run, and whether the rest may start. */
    private static final class Batch {

        private int running;
        private boolean stopped;

        <T> T run(Transfer<T> transfer) throws RegistryAccessException {
            synchronized (this) {
                if (stopped) {
                    throw new CancellationException("another transfer failed");
                }
                running++;
            }
            try {
                return transfer.run();
            } finally {
                synchronized (this) {
                    running--;
                    notifyAll();
                }
            }
        }

        /** Keeps the transfers not started from starting, interrupts the running ones and waits for them to end. */
        synchronized void stop(List<? extends Future<?>> futures) {
            stopped = true;
            futures.forEach(future -> future.cancel(true));
            long until = System.nanoTime() + STOP_WAIT.toNanos();
            boolean interrupted = Thread.interrupted();
            try {
                while (running > 0) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        LOGGER.log(Level.WARNING, "{0} cancelled transfer(s) still running after {1}", new Object[] {
                            running, STOP_WAIT
                        });
                        return;
                    }
                    try {
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static RegistryAccessException unwrap(Throwable cause) {
        if (cause instanceof RegistryAccessException e) {
            return e;
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        if (cause instanceof CancellationException e) {
            return new RegistryAccessException("a transfer was cancelled", e);
        }
        return new RegistryAccessException("a transfer failed: " + cause, cause);
    }

    /** Stops the threads, interrupting any still running, and waits for each to end. */
    @Override
    public void close() {
        workers.shutdownNow();
        boolean interrupted = Thread.interrupted();
        try {
            long until = System.nanoTime() + STOP_WAIT.toNanos();
            for (Thread thread : started) {
                long left = until - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(thread, left);
                }
                if (thread.isAlive()) {
                    LOGGER.log(
                            Level.WARNING, "{0} still running after {1}", new Object[] {thread.getName(), STOP_WAIT});
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
