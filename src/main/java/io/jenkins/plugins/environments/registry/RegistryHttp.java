package io.jenkins.plugins.environments.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Sending one HTTP request for a registry session under a {@link Watchdog.Watch}, reading an answer's body with a size
 * limit, and the origin rule that decides where credentials may go. How bytes move: answers are read ahead within a
 * bound ({@link ReadAheadBody}), streamed request bodies go in large chunks ({@link ChunkedBody}), and plain HTTP is
 * spoken as HTTP/1.1 ({@link #version(URI)}).
 */
final class RegistryHttp {

    private RegistryHttp() {}

    /** Whether two URIs have the same scheme, host and port (the port made explicit). */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * Sends one request and waits for the answer's headers, turning network and TLS failures into messages that name
     * the registry. The watch aborts the exchange when the remote end stalls or the deadline passes; from then on it
     * closes the answer's body instead, which the caller reads (through {@link Watched}) and closes.
     */
    static HttpResponse<InputStream> send(
            HttpClient http, HttpRequest request, RegistryAccess access, Watchdog.Watch watch)
            throws RegistryAccessException {
        String where = request.uri().getScheme() + "://" + request.uri().getAuthority();
        watch.waiting();
        CompletableFuture<HttpResponse<InputStream>> future = http.sendAsync(request, info -> new ReadAheadBody());
        watch.abortWith(() -> future.cancel(true));
        try {
            HttpResponse<InputStream> response = future.get();
            watch.paused();
            InputStream body = response.body();
            watch.abortWith(() -> closeQuietly(body));
            return response;
        } catch (CancellationException e) {
            throw watch.fired()
                    ? watch.failure(e)
                    : new RegistryAccessException(access.describe() + ": the request to " + where + " was cancelled");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryAccessException(access.describe() + ": interrupted while talking to " + where, e);
        } catch (ExecutionException e) {
            if (watch.fired()) {
                throw watch.failure(e.getCause());
            }
            if (e.getCause() instanceof IOException io) {
                throw failure(io, where, access);
            }
            throw new RegistryAccessException(
                    access.describe() + ": request to " + where + " failed (" + quote(e.getCause()) + ")",
                    e.getCause());
        }
    }

    private static RegistryAccessException failure(IOException e, String where, RegistryAccess access) {
        Throwable tls = e;
        while (tls != null && !(tls instanceof SSLException)) {
            tls = tls.getCause();
        }
        if (tls != null) {
            return new RegistryAccessException(
                    access.describe() + ": TLS handshake with " + where + " failed (" + quote(tls)
                            + "); a registry without TLS must be marked insecure",
                    e);
        }
        if (e instanceof ConnectException || e instanceof HttpTimeoutException) {
            return new RegistryAccessException(
                    access.describe() + ": " + where + " is unreachable (" + quote(e) + ")", e);
        }
        return new RegistryAccessException(
                access.describe() + ": request to " + where + " failed (" + quote(e) + ")", e);
    }

    /**
     * The version to speak to a registry at {@code base}: HTTP/1.1 over plain HTTP, where the JDK would otherwise offer
     * every request an upgrade to HTTP/2 ({@code Upgrade: h2c}) that registries do not take, and check every answer for
     * it; over HTTPS, HTTP/2 when the registry offers it (ALPN), HTTP/1.1 otherwise.
     */
    static HttpClient.Version version(URI base) {
        return "http".equalsIgnoreCase(base.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2;
    }

    /**
     * A streamed request body: {@code in} read in chunks of {@link ChunkedBody#CHUNK_BYTES} as the connection takes
     * them, with {@code Content-Length} when the length is known.
     *
     * @param length the number of bytes in the stream, or -1 if unknown
     */
    static HttpRequest.BodyPublisher publisher(InputStream in, long length) {
        ChunkedBody chunks = new ChunkedBody(in, length);
        // fromPublisher takes no length of 0: an empty body goes chunked (and is still read to its end, to check it).
        return length <= 0
                ? HttpRequest.BodyPublishers.fromPublisher(chunks)
                : HttpRequest.BodyPublishers.fromPublisher(chunks, length);
    }

    /**
     * Reads an answer's body whole, at most {@code limit} bytes: a larger {@code Content-Length} is refused before a
     * byte is read, and a body that goes on past the limit is refused (and its connection dropped) as soon as the
     * limit is passed. The body is closed either way.
     *
     * @param who the registry or token service, as messages name it
     * @param what what the body is, for messages ({@code manifest}, {@code token}…)
     */
    static byte[] read(HttpResponse<InputStream> response, long limit, String who, String what, Watchdog.Watch watch)
            throws RegistryAccessException {
        String request = response.request().method() + " " + response.uri().getRawPath();
        try (InputStream body = new Watched(response.body(), watch, true)) {
            if (!response.request().method().equals("HEAD")) {
                long declared;
                try {
                    declared = response.headers()
                            .firstValueAsLong("Content-Length")
                            .orElse(-1);
                } catch (NumberFormatException e) {
                    declared = -1;
                }
                if (declared > limit) {
                    throw new RegistryAccessException(who + " answered " + request + " with a " + what + " of "
                            + declared + " bytes, more than the limit of " + describeSize(limit)
                            + "; refused without reading it");
                }
            }
            byte[] bytes = body.readNBytes(Math.toIntExact(limit + 1));
            if (bytes.length > limit) {
                throw new RegistryAccessException(who + " answered " + request + " with a " + what
                        + " larger than the limit of " + describeSize(limit) + "; refused after reading "
                        + describeSize(limit) + " of it");
            }
            return bytes;
        } catch (Stalled e) {
            throw e.failure();
        } catch (IOException e) {
            throw new RegistryAccessException(
                    who + ": reading the answer to " + request + " failed (" + quote(e) + ")", e);
        }
    }

    /** {@code 4 MiB}, {@code 64 KiB} or a number of bytes. */
    static String describeSize(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            // Aborting: the stream is being thrown away.
        }
    }

    private static String quote(Throwable t) {
        return t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** A read failed because the watch aborted the request: the stall, for whoever gets the exception. */
    static final class Stalled extends IOException {

        private static final long serialVersionUID = 1L;

        private final transient Watchdog.Watch watch;

        Stalled(Watchdog.Watch watch, IOException cause) {
            super(watch.failure(null).getMessage(), cause);
            this.watch = watch;
        }

        /** @return the stall as the registry exception to report */
        RegistryStallException failure() {
            return watch.failure(this);
        }
    }

    /**
     * A stream that tells its watch when bytes move. For an answer's body ({@code remote} true) the remote end is
     * waited on while a read is pending; for the source of a request's body ({@code remote} false) the remote end is
     * waited on between reads, and not while the plugin reads the source. A read aborted by the watch fails with
     * {@link Stalled}.
     */
    static final class Watched extends FilterInputStream {

        private final Watchdog.Watch watch;
        private final boolean remote;
        private final boolean ownsWatch;

        Watched(InputStream in, Watchdog.Watch watch, boolean remote) {
            this(in, watch, remote, false);
        }

        /** @param ownsWatch whether closing the stream ends the watch too */
        Watched(InputStream in, Watchdog.Watch watch, boolean remote, boolean ownsWatch) {
            super(in);
            this.watch = watch;
            this.remote = remote;
            this.ownsWatch = ownsWatch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remote) {
                watch.waiting();
            } else {
                watch.paused();
            }
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                if (watch.fired()) {
                    throw new Stalled(watch, e);
                }
                throw e;
            } finally {
                if (remote) {
                    watch.paused();
                } else {
                    watch.waiting();
                }
            }
            if (watch.fired()) {
                throw new Stalled(watch, null);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(8192, Math.max(0, n))]));
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                if (ownsWatch) {
                    watch.close();
                }
            }
        }
    }
}
