package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * How blob bytes move through a session's HTTP client: request bodies in chunks ({@link ChunkedBody}), answers read
 * ahead within a bound ({@link ReadAheadBody}), and HTTP/1.1 without an upgrade offer over plain HTTP.
 */
class RegistryTransportTest {

    private static final int CHUNK = ChunkedBody.CHUNK_BYTES;

    @Test
    void aStreamedBodyIsSentInFullChunksEvenWhenItsSourceTrickles() {
        byte[] blob = bytes(4 * CHUNK + 5);
        // The source gives at most 1000 bytes a read, as a network stream may.
        Recorder sent = Recorder.of(new ChunkedBody(trickle(blob, 1000), blob.length));
        assertNull(sent.error);
        assertTrue(sent.complete);
        assertEquals(List.of(CHUNK, CHUNK, CHUNK, CHUNK, 5), sent.sizes());
        assertArrayEquals(blob, sent.bytes());
    }

    @Test
    void aBodyOfUnknownLengthIsSentInChunksToItsEnd() {
        byte[] blob = bytes(CHUNK + 1);
        Recorder sent = Recorder.of(new ChunkedBody(new ByteArrayInputStream(blob), -1));
        assertTrue(sent.complete);
        assertEquals(List.of(CHUNK, 1), sent.sizes());
        assertArrayEquals(blob, sent.bytes());
    }

    @Test
    void theEndOfABodyIsReadBeforeItsLastChunkIsSent() {
        // A stream that checks its bytes when it reaches its end, as a blob verified against its digest does.
        byte[] blob = bytes(2 * CHUNK + 100);
        InputStream checked = new FilterInputStream(new ByteArrayInputStream(blob)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("was served with the digest sha256:0");
                }
                return n;
            }
        };
        Recorder sent = Recorder.of(new ChunkedBody(checked, blob.length));
        assertEquals(List.of(CHUNK, CHUNK), sent.sizes(), "the last 100 bytes are never sent");
        assertEquals("was served with the digest sha256:0", sent.error.getMessage());
    }

    @Test
    void aBodyLongerThanItsLengthIsRefusedBeforeItsLastChunk() {
        Recorder sent = Recorder.of(new ChunkedBody(new ByteArrayInputStream(bytes(CHUNK + 10)), CHUNK));
        assertEquals(List.of(), sent.sizes());
        assertEquals("the body has more than the " + CHUNK + " bytes declared for it", sent.error.getMessage());
    }

    @Test
    void anEmptyBodyIsReadToItsEndAndSendsNothing() {
        AtomicBoolean ended = new AtomicBoolean();
        InputStream empty = new InputStream() {
            @Override
            public int read() {
                ended.set(true);
                return -1;
            }
        };
        Recorder sent = Recorder.of(new ChunkedBody(empty, 0));
        assertTrue(ended.get());
        assertTrue(sent.complete);
        assertEquals(List.of(), sent.sizes());
    }

    @Test
    void aBodyNotYetReadCanBeSentAgain() {
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(bytes(10)), 10);
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(ByteBuffer item) {}

            @Override
            public void onError(Throwable throwable) {}

            @Override
            public void onComplete() {}
        });
        Recorder sent = Recorder.of(body);
        assertTrue(sent.complete);
        assertArrayEquals(bytes(10), sent.bytes());
    }

    @Test
    void aBodyIsSentOnlyOnce() {
        ChunkedBody body = new ChunkedBody(new ByteArrayInputStream(bytes(10)), 10);
        assertTrue(Recorder.of(body).complete);
        Recorder again = Recorder.of(body);
        assertEquals("the body of this request was already sent; it cannot be sent again", again.error.getMessage());
    }

    @Test
    void anAnswerIsReadAheadOfTheReaderWithinItsBound() throws IOException {
        long bound = ReadAheadBody.AHEAD_BYTES + 8 * 16 * 1024;
        ReadAheadBody body = new ReadAheadBody();
        Endless connection = new Endless(16 * 1024, body);
        body.onSubscribe(connection);
        // Nothing read yet: the connection was read ahead, and no further than the bound.
        long ahead = connection.delivered;
        assertTrue(ahead >= ReadAheadBody.AHEAD_BYTES && ahead <= bound, "read ahead: " + ahead);
        assertEquals(ahead, body.available());
        byte[] into = new byte[300 * 1024];
        for (int i = 0; i < 50; i++) {
            // Each read takes what it asks for, across the buffers of many deliveries.
            assertEquals(into.length, body.read(into));
            assertTrue(body.available() <= bound, "waiting: " + body.available());
        }
        assertEquals(50L * into.length, connection.delivered - body.available());
        body.close();
        assertTrue(connection.cancelled, "closing an unfinished answer drops its connection");
        assertEquals(0, body.available());
    }

    @Test
    void theBytesBeforeABrokenConnectionAreReadThenTheReadFails() throws IOException {
        ReadAheadBody body = new ReadAheadBody();
        body.onSubscribe(new Idle());
        body.onNext(List.of(ByteBuffer.wrap(bytes(10)), ByteBuffer.wrap(bytes(5))));
        body.onError(new IOException("connection reset"));
        assertEquals(15, body.read(new byte[100]));
        IOException e = assertThrows(IOException.class, () -> body.read(new byte[100]));
        assertEquals("connection reset", e.getMessage());
    }

    @Test
    void anAnswerEndsAfterItsLastByte() throws IOException {
        ReadAheadBody body = new ReadAheadBody();
        Idle connection = new Idle();
        body.onSubscribe(connection);
        body.onNext(List.of(ByteBuffer.wrap(bytes(3))));
        body.onComplete();
        assertArrayEquals(bytes(3), body.readAllBytes());
        assertEquals(-1, body.read());
        body.close();
        assertFalse(connection.cancelled, "the connection of a whole answer is left for the next request");
    }

    @Test
    void closingWakesAReaderWaitingForTheAnswer() throws Exception {
        ReadAheadBody body = new ReadAheadBody();
        Idle connection = new Idle();
        body.onSubscribe(connection);
        CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
            try {
                body.read(new byte[10]);
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        // Whether the reader is waiting yet or not, closing makes its read fail.
        body.close();
        Throwable failure = reader.get(30, TimeUnit.SECONDS);
        assertEquals("closed", failure.getMessage());
        assertTrue(connection.cancelled);
    }

    @Test
    void overPlainHttpNoUpgradeToHttp2IsOffered() throws Exception {
        List<Map<String, List<String>>> headers = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            headers.add(Map.copyOf(exchange.getRequestHeaders()));
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try (RegistrySession session = new RegistrySession(new RegistryAccess(
                "local",
                "127.0.0.1:" + server.getAddress().getPort(),
                true,
                new RegistryCredential.Anonymous(),
                null))) {
            session.ping();
            session.send(new RegistryRequest("PUT", "/v2/a/blobs/uploads/x", Map.of(), null), new RequestBody() {
                @Override
                public long length() {
                    return 3;
                }

                @Override
                public InputStream open() {
                    return new ByteArrayInputStream(bytes(3));
                }
            });
        } finally {
            server.stop(0);
        }
        assertEquals(2, headers.size());
        for (Map<String, List<String>> request : headers) {
            assertEquals(null, request.get("Upgrade"), request::toString);
            assertEquals(null, request.get("Http2-settings"), request::toString);
        }
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private static InputStream trickle(byte[] bytes, int most) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, most));
            }
        };
    }

    /** Subscribes to a publisher and takes one chunk at a time, as the HTTP client does, keeping what it got. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {

        private final List<ByteBuffer> chunks = new ArrayList<>();
        private Flow.Subscription subscription;
        private Throwable error;
        private boolean complete;

        static Recorder of(Flow.Publisher<ByteBuffer> publisher) {
            Recorder recorder = new Recorder();
            publisher.subscribe(recorder);
            return recorder;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(ByteBuffer item) {
            chunks.add(item);
            subscription.request(1);
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        List<Integer> sizes() {
            return chunks.stream().map(ByteBuffer::remaining).toList();
        }

        byte[] bytes() {
            byte[] all = new byte[sizes().stream().mapToInt(Integer::intValue).sum()];
            int at = 0;
            for (ByteBuffer chunk : chunks) {
                int n = chunk.remaining();
                chunk.duplicate().get(all, at, n);
                at += n;
            }
            return all;
        }
    }

    /** A connection that never delivers. */
    private static final class Idle implements Flow.Subscription {

        private volatile boolean cancelled;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /** A connection with bytes always at hand: it delivers a buffer for each one asked for, at once. */
    private static final class Endless implements Flow.Subscription {

        private final int bufferBytes;
        private final ReadAheadBody body;
        private long demand;
        private boolean delivering;
        private long delivered;
        private boolean cancelled;

        Endless(int bufferBytes, ReadAheadBody body) {
            this.bufferBytes = bufferBytes;
            this.body = body;
        }

        @Override
        public void request(long n) {
            demand += n;
            if (delivering) {
                return;
            }
            delivering = true;
            while (demand > 0 && !cancelled) {
                demand--;
                delivered += bufferBytes;
                byte[] chunk = new byte[bufferBytes];
                Arrays.fill(chunk, (byte) 1);
                body.onNext(List.of(ByteBuffer.wrap(chunk)));
            }
            delivering = false;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
