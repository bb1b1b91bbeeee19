package io.jenkins.plugins.environments.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An answer's body as a stream that keeps reading from the connection while the plugin works on what it already has,
 * up to {@link #AHEAD_BYTES} ahead, never more.
 *
 * <p>{@code BodyHandlers.ofInputStream()} asks the connection for the next buffers only once the reader has taken the
 * previous ones: each few kilobytes of a blob then cost a hand-over between the reading thread and the HTTP client's
 * selector thread (which must be woken to read again). Here the demand is kept ahead of the reader, so the selector
 * thread goes on reading on its own as long as less than {@link #AHEAD_BYTES} wait; the reader takes as many bytes as
 * it asks for, across buffers, in one call. Memory stays bounded by the read-ahead, whatever the size of the body.
 *
 * <p>Closing the stream (from any thread, as a {@link Watchdog} does to abort a stalled request) cancels the exchange
 * and wakes a reader waiting on it, whose read then fails.
 */
final class ReadAheadBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** How many bytes may wait for the reader before the connection is no longer read. */
    static final int AHEAD_BYTES = 1024 * 1024;

    /** How many deliveries (lists of buffers) are asked for at a time. */
    private static final int BATCH = 8;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queued;
    private long asked;
    private Flow.Subscription subscription;
    private boolean complete;
    private Throwable failure;
    private boolean closed;

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription");
        lock.lock();
        boolean refuse;
        try {
            refuse = subscription != null || closed;
            if (!refuse) {
                subscription = s;
                asked = BATCH;
            }
        } finally {
            lock.unlock();
        }
        if (refuse) {
            s.cancel();
        } else {
            s.request(BATCH);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long more;
        lock.lock();
        try {
            asked--;
            if (closed) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (buffer.hasRemaining()) {
                    queue.add(buffer);
                    queued += buffer.remaining();
                }
            }
            more = moreToAsk();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        ask(more);
    }

    @Override
    public void onError(Throwable throwable) {
        lock.lock();
        try {
            failure = throwable;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onComplete() {
        lock.lock();
        try {
            complete = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        int read = 0;
        long more;
        lock.lock();
        try {
            while (queue.isEmpty() && !complete && failure == null && !closed) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closeLocked();
                    throw new InterruptedIOException("interrupted while reading the answer");
                }
            }
            if (closed) {
                throw new IOException("closed");
            }
            if (queue.isEmpty()) {
                if (failure != null) {
                    throw failure instanceof IOException io
                            ? new IOException(io.getMessage(), io)
                            : new IOException("closed", failure);
                }
                return -1;
            }
            while (read < length && !queue.isEmpty()) {
                ByteBuffer head = queue.peek();
                int n = Math.min(head.remaining(), length - read);
                head.get(bytes, offset + read, n);
                read += n;
                if (!head.hasRemaining()) {
                    queue.poll();
                }
            }
            queued -= read;
            more = moreToAsk();
        } finally {
            lock.unlock();
        }
        ask(more);
        return read;
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return closed ? 0 : (int) Math.min(Integer.MAX_VALUE, queued);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Flow.Subscription s;
        lock.lock();
        try {
            s = closeLocked();
        } finally {
            lock.unlock();
        }
        if (s != null) {
            s.cancel();
        }
    }

    /**
     * @return the subscription to cancel, if this call closed the stream before the answer ended (once it has ended, its
     *     connection may already serve another request, and is left alone)
     */
    private Flow.Subscription closeLocked() {
        if (closed) {
            return null;
        }
        closed = true;
        queue.clear();
        queued = 0;
        changed.signalAll();
        return complete || failure != null ? null : subscription;
    }

    /**
     * Under the lock: how many more deliveries to ask for. None while earlier ones are still awaited (half a batch
     * or more) or the read-ahead is full; otherwise enough to make a batch again.
     */
    private long moreToAsk() {
        if (subscription == null || closed || complete || failure != null) {
            return 0;
        }
        if (asked > BATCH / 2 || queued >= AHEAD_BYTES) {
            return 0;
        }
        long more = BATCH - asked;
        asked = BATCH;
        return more;
    }

    private void ask(long more) {
        if (more > 0) {
            subscription.request(more);
        }
    }
}
