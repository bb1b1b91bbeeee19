package io.jenkins.plugins.environments.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body read from a stream in chunks of {@link #CHUNK_BYTES}, each read when the connection asks for the next
 * one: a blob goes from its source to the registry with at most a chunk or two of it in memory.
 *
 * <p>{@code BodyPublishers.ofInputStream} hands the connection 16 KiB at a time, and each hand-over costs a wake-up of
 * the HTTP client's threads; with chunks of a quarter MiB there are sixteen times fewer. Each chunk is filled before it
 * is sent (the stream is read until the chunk is full or the stream ends). When the length is known, the end of the
 * stream is read before the last chunk is sent, so a stream that checks its bytes at its end (such as a blob verified
 * against its digest) fails the upload before the registry has the whole body. The body can be sent again (the HTTP
 * client may retry on a new connection) only as long as no byte of it was read.
 */
final class ChunkedBody implements Flow.Publisher<ByteBuffer> {

    /** The size of a chunk handed to the connection. */
    static final int CHUNK_BYTES = 256 * 1024;

    private final InputStream in;
    private final long length;
    private final int chunkBytes;
    /** Whether a byte was taken from the stream: from then on the body cannot be sent again. */
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * @param in the bytes; read on the threads of the HTTP client, and not closed here
     * @param length how many bytes the stream holds, or -1 if unknown
     */
    ChunkedBody(InputStream in, long length) {
        this(in, length, CHUNK_BYTES);
    }

    ChunkedBody(InputStream in, long length, int chunkBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.length = length;
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("a chunk holds at least one byte");
        }
        this.chunkBytes = chunkBytes;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (started.get()) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            subscriber.onError(new IOException("the body of this request was already sent; it cannot be sent again"));
            return;
        }
        subscriber.onSubscribe(new Chunks(subscriber));
    }

    /** Reads and hands over chunks while the connection asks for them, on whichever thread asks. */
    private final class Chunks implements Flow.Subscription {

        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        private boolean ended;
        private boolean done;
        private long sent;

        Chunks(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("a request for " + n + " chunks"));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        /** Only one thread at a time hands over chunks; a request made meanwhile makes it go round once more. */
        private void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!cancelled && !done && demand.get() > 0) {
                    ByteBuffer chunk;
                    try {
                        chunk = next();
                    } catch (IOException | RuntimeException e) {
                        done = true;
                        subscriber.onError(e);
                        break;
                    }
                    if (chunk == null) {
                        done = true;
                        subscriber.onComplete();
                        break;
                    }
                    demand.decrementAndGet();
                    subscriber.onNext(chunk);
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }

        /** @return the next chunk, or null at the end of the stream */
        private ByteBuffer next() throws IOException {
            if (ended) {
                return null;
            }
            started.set(true);
            int size = length < 0 ? chunkBytes : (int) Math.min(chunkBytes, Math.max(1, length - sent));
            byte[] bytes = new byte[size];
            int filled = 0;
            while (filled < size) {
                int n = in.read(bytes, filled, size - filled);
                if (n < 0) {
                    ended = true;
                    break;
                }
                filled += n;
            }
            sent += filled;
            if (!ended && length >= 0 && sent >= length) {
                // The last chunk: see the end of the stream before sending it.
                int extra = in.read(new byte[1]);
                if (extra >= 0) {
                    throw new IOException("the body has more than the " + length + " bytes declared for it");
                }
                ended = true;
            }
            if (filled == 0) {
                return null;
            }
            return ByteBuffer.wrap(bytes, 0, filled);
        }
    }
}
