package io.jenkins.plugins.environments.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP/1.1 reverse proxy on a free loopback port in front of one upstream server (a {@link DockerRegistry}), which
 * counts what passes and can break it on purpose.
 *
 * <p>Clients talk to {@link #host()} as if it were the registry; requests and answers are forwarded byte for byte
 * (the {@code Host} header too, so a registry's {@code Location} headers point back at the proxy). Each request is
 * counted under its method and a path pattern in which the repository and the reference are {@code *}, such as
 * {@code PUT /v2/* /blobs/uploads/*} (without the space), together with the bytes of its body. Keep-alive, {@code
 * Content-Length} and chunked bodies are supported.
 *
 * <p>Faults apply to the next requests matching a pattern: answer {@code 500} with a distribution-spec JSON error
 * without forwarding, or reset the connection (TCP RST) half-way through the request body or the answer's body. For
 * deadline tests, the parameterised faults below make the registry stall: accept a request and never answer
 * ({@link NeverAnswer}), stop in the middle of an answer's body ({@link StallAnswer}) or of taking a request's body
 * ({@link StallRequest}), send an answer's body one byte at a time ({@link Drip}), or answer on the registry's behalf
 * ({@link Answer}: a 429 with {@code Retry-After}, a body of hundreds of megabytes). A stalled connection is held, not
 * closed, until the client gives up or the proxy is closed.
 */
public final class CountingProxy implements AutoCloseable {

    /** What to do to a matching request: one of {@link Standard} or a parameterised fault. */
    public interface Fault {
        /** Answer 500 with {@code {"errors":[{"code":"UNKNOWN","message":"injected by the test proxy"}]}}. */
        Fault STATUS_500 = Standard.STATUS_500;
        /** Forward half of the request body, then reset both connections. */
        Fault RESET_REQUEST_BODY = Standard.RESET_REQUEST_BODY;
        /** Forward the request and half of the answer's body, then reset both connections. */
        Fault RESET_RESPONSE_BODY = Standard.RESET_RESPONSE_BODY;
        /** Forward the request without its query. */
        Fault STRIP_QUERY = Standard.STRIP_QUERY;
    }

    /** Read the request (and its body), then say nothing, as a registry that accepted the connection and hangs. */
    public record NeverAnswer() implements Fault {}

    /** Forward the request, then the answer's headers and {@code afterBytes} of its body, then nothing more. */
    public record StallAnswer(long afterBytes) implements Fault {}

    /** Take {@code afterBytes} of the request's body, then stop reading it and answer nothing. */
    public record StallRequest(long afterBytes) implements Fault {}

    /** Forward the request, then the answer's body one byte each {@code interval}. */
    public record Drip(Duration interval) implements Fault {}

    /**
     * Hold each matching request until {@code parties} of them are in flight at once (or ten seconds pass), then
     * forward them: shows that a client sends that many at once, without measuring time. Inject it {@code parties}
     * times.
     */
    public record Gather(CountDownLatch all) implements Fault {

        public static Gather of(int parties) {
            return new Gather(new CountDownLatch(parties));
        }
    }

    /**
     * Answer without forwarding: the status, the headers, the body; then, when {@code filler} is positive, that many
     * more bytes of {@code x} (declared in {@code Content-Length} when {@code declareLength}, chunked otherwise). The
     * filler bytes the client took are counted by {@link #answerBytesWritten()}.
     */
    public record Answer(int status, Map<String, String> headers, String body, long filler, boolean declareLength)
            implements Fault {

        /** @return an answer with a JSON body and nothing more */
        public static Answer json(int status, Map<String, String> headers, String body) {
            return new Answer(status, headers, body, 0, true);
        }
    }

    /** The faults without parameters. */
    public enum Standard implements Fault {
        /** Answer 500 with {@code {"errors":[{"code":"UNKNOWN","message":"injected by the test proxy"}]}}. */
        STATUS_500,
        /** Forward half of the request body, then reset both connections. */
        RESET_REQUEST_BODY,
        /** Forward the request and half of the answer's body, then reset both connections. */
        RESET_RESPONSE_BODY,
        /**
         * Forward the request without its query: a cross-repository mount becomes a plain upload start, which the
         * registry answers 202 with an upload session, as a registry does that declines to mount.
         */
        STRIP_QUERY
    }

    private static final byte[] ERROR_BODY =
            "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"injected by the test proxy\"}]}"
                    .getBytes(StandardCharsets.UTF_8);

    private final ServerSocket server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> bodyBytes = new ConcurrentHashMap<>();
    private final List<Injection> injections = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final AtomicLong answerBytes = new AtomicLong();
    private final Map<String, String> lastTargets = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> peaks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Injection {
        final String pattern;
        final String targetContains;
        final Fault fault;
        final AtomicLong remaining;

        Injection(String pattern, String targetContains, Fault fault, long times) {
            this.pattern = pattern;
            this.targetContains = targetContains;
            this.fault = fault;
            this.remaining = new AtomicLong(times);
        }
    }

    private CountingProxy(ServerSocket server, String upstream) {
        this.server = server;
        int colon = upstream.lastIndexOf(':');
        this.upstreamHost = upstream.substring(0, colon);
        this.upstreamPort = Integer.parseInt(upstream.substring(colon + 1));
        this.acceptor = Thread.ofPlatform()
                .daemon()
                .name("counting-proxy-" + server.getLocalPort())
                .start(this::accept);
    }

    /**
     * @param upstream the server's {@code host:port}, such as {@link DockerRegistry#host()}
     * @return a proxy listening on {@code 127.0.0.1} at a free port
     */
    public static CountingProxy start(String upstream) {
        try {
            return new CountingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), upstream);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the proxy's port", e);
        }
    }

    /** @return {@code 127.0.0.1:PORT}, to use instead of the upstream's host */
    public String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** @return all requests received since the last {@link #reset()} */
    public long requests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** @return requests received under one pattern, such as {@code GET /v2/}{@code *}{@code /manifests/*} */
    public long requests(String pattern) {
        AtomicLong count = requests.get(pattern);
        return count == null ? 0 : count.get();
    }

    /** @return the bytes of all request bodies received (failed ones included) */
    public long requestBodyBytes() {
        return bodyBytes.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** @return the bytes of request bodies received under one pattern */
    public long requestBodyBytes(String pattern) {
        AtomicLong count = bodyBytes.get(pattern);
        return count == null ? 0 : count.get();
    }

    /** @return requests per pattern, sorted, for messages */
    public Map<String, Long> requestsByPattern() {
        Map<String, Long> copy = new TreeMap<>();
        requests.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** @return the bytes of {@link Answer} bodies the proxy managed to write (the client took, or its buffers did) */
    public long answerBytesWritten() {
        return answerBytes.get();
    }

    /** @return the path (without query) of the last request counted under a pattern, or {@code ""} */
    public String lastTarget(String pattern) {
        return lastTargets.getOrDefault(pattern, "");
    }

    /** @return how many connections the proxy holds open now (stalled ones included) */
    public int openConnections() {
        return open.size();
    }

    /** Forgets the counts and pending faults. */
    public void reset() {
        answerBytes.set(0);
        lastTargets.clear();
        requests.clear();
        bodyBytes.clear();
        injections.clear();
        events.clear();
        peaks.clear();
        inFlight.clear();
    }

    /**
     * Breaks the next {@code times} requests matching the pattern ({@link Long#MAX_VALUE} for all of them).
     *
     * @param pattern a method and path pattern as counted, such as {@code PUT /v2/}{@code *}{@code /blobs/uploads/*}
     */
    public void inject(String pattern, Fault fault, long times) {
        injections.add(new Injection(pattern, "", fault, times));
    }

    /** Like {@link #inject(String, Fault, long)}, only for requests whose target contains {@code targetContains}. */
    public void inject(String pattern, String targetContains, Fault fault, long times) {
        injections.add(new Injection(pattern, targetContains, fault, times));
    }

    /**
     * @return what happened, in order: {@code begin PUT /v2/app/manifests/live} when a request's head arrived and
     *     {@code end PUT /v2/app/manifests/live} when its answer was passed on whole (targets without their query)
     */
    public List<String> events() {
        return List.copyOf(events);
    }

    /** @return the most requests of the pattern that were in flight at once (head arrived, answer not yet passed on) */
    public int peakInFlight(String pattern) {
        AtomicInteger peak = peaks.get(pattern);
        return peak == null ? 0 : peak.get();
    }

    /** A request under way: counted in flight (in the counter of its pattern since the last reset) until it ends. */
    private record Underway(String pattern, String path, AtomicInteger counter) {}

    private Underway begin(String pattern, String path) {
        events.add("begin " + pattern.substring(0, pattern.indexOf(' ')) + " " + path);
        AtomicInteger counter = inFlight.computeIfAbsent(pattern, k -> new AtomicInteger());
        int now = counter.incrementAndGet();
        peaks.computeIfAbsent(pattern, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
        return new Underway(pattern, path, counter);
    }

    private void end(Underway request, boolean whole) {
        if (whole) {
            events.add("end " + request.pattern().substring(0, request.pattern().indexOf(' ')) + " " + request.path());
        }
        request.counter().decrementAndGet();
    }

    /** @return the pattern a request is counted under */
    public static String pattern(String method, String target) {
        String path = target;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("http://")) {
            path = path.substring(path.indexOf('/', "http://".length()));
        }
        String normalized = path;
        if (path.startsWith("/v2/") && path.length() > 4) {
            if (path.matches("/v2/.+/manifests/[^/]+")) {
                normalized = "/v2/*/manifests/*";
            } else if (path.matches("/v2/.+/blobs/uploads/")) {
                normalized = "/v2/*/blobs/uploads/";
            } else if (path.matches("/v2/.+/blobs/uploads/[^/]+")) {
                normalized = "/v2/*/blobs/uploads/*";
            } else if (path.matches("/v2/.+/blobs/[^/]+")) {
                normalized = "/v2/*/blobs/*";
            } else if (path.matches("/v2/.+/tags/list")) {
                normalized = "/v2/*/tags/list";
            }
        }
        return method + " " + normalized;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("counting proxy: accept failed: " + e);
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket upstream = null;
        // The request under way on this connection.
        Underway current = null;
        try (client) {
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = new BufferedOutputStream(client.getOutputStream());
            InputStream fromUpstream = null;
            OutputStream toUpstream = null;
            while (!closed) {
                Head request = Head.read(fromClient);
                if (request == null) {
                    return;
                }
                String[] line = request.firstLine.split(" ", 3);
                String pattern = pattern(line[0], line.length > 1 ? line[1] : "");
                requests.computeIfAbsent(pattern, k -> new AtomicLong()).incrementAndGet();
                String target = line.length > 1 ? line[1] : "";
                String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
                lastTargets.put(pattern, path);
                if (current != null) {
                    end(current, true);
                }
                current = begin(pattern, path);
                AtomicLong bytes = bodyBytes.computeIfAbsent(pattern, k -> new AtomicLong());
                Fault fault = takeFault(pattern, target);
                if (fault instanceof Gather gather) {
                    gather.all().countDown();
                    gather.all().await(10, TimeUnit.SECONDS);
                }
                if (fault instanceof Answer answer) {
                    copyBody(request, fromClient, OutputStream.nullOutputStream(), bytes, Long.MAX_VALUE);
                    client.setSendBufferSize(64 * 1024);
                    answer(answer, toClient);
                    end(current, true);
                    current = null;
                    if (answer.filler() > 0) {
                        return;
                    }
                    continue;
                }
                if (fault instanceof NeverAnswer) {
                    copyBody(request, fromClient, OutputStream.nullOutputStream(), bytes, Long.MAX_VALUE);
                    hold();
                    return;
                }
                if (fault instanceof StallRequest stall) {
                    copyBody(request, fromClient, OutputStream.nullOutputStream(), bytes, stall.afterBytes());
                    hold();
                    return;
                }
                if (fault == Fault.STATUS_500) {
                    copyBody(request, fromClient, OutputStream.nullOutputStream(), bytes, Long.MAX_VALUE);
                    toClient.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: " + ERROR_BODY.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    toClient.write(ERROR_BODY);
                    toClient.flush();
                    end(current, true);
                    current = null;
                    continue;
                }
                if (upstream == null || upstream.isClosed()) {
                    upstream = new Socket(upstreamHost, upstreamPort);
                    open.add(upstream);
                    fromUpstream = new BufferedInputStream(upstream.getInputStream());
                    toUpstream = new BufferedOutputStream(upstream.getOutputStream());
                }
                toUpstream.write(fault == Fault.STRIP_QUERY ? request.withoutQuery() : request.raw);
                long half =
                        fault == Fault.RESET_REQUEST_BODY ? Math.max(1, request.contentLength() / 2) : Long.MAX_VALUE;
                boolean complete = copyBody(request, fromClient, toUpstream, bytes, half);
                toUpstream.flush();
                if (!complete) {
                    reset(client, upstream);
                    return;
                }
                boolean isHead = line[0].equals("HEAD");
                Head response;
                do {
                    response = Head.read(fromUpstream);
                    if (response == null) {
                        throw new EOFException("upstream closed the connection");
                    }
                    toClient.write(response.raw);
                } while (response.status() / 100 == 1 && response.status() != 101);
                if (fault instanceof StallAnswer stall) {
                    copyExactly(
                            fromUpstream,
                            toClient,
                            Math.min(stall.afterBytes(), response.contentLength()),
                            new AtomicLong());
                    toClient.flush();
                    hold();
                    return;
                }
                if (fault instanceof Drip drip) {
                    for (long i = 0; i < response.contentLength(); i++) {
                        toClient.write(fromUpstream.read());
                        toClient.flush();
                        Thread.sleep(drip.interval());
                    }
                    toClient.flush();
                    end(current, true);
                    current = null;
                    continue;
                }
                if (!isHead && response.status() != 204 && response.status() != 304) {
                    long limit = fault == Fault.RESET_RESPONSE_BODY
                            ? Math.max(1, response.contentLength() / 2)
                            : Long.MAX_VALUE;
                    if (response.contentLength() < 0 && !response.chunked()) {
                        fromUpstream.transferTo(toClient);
                        toClient.flush();
                        return;
                    }
                    if (!copyBody(response, fromUpstream, toClient, new AtomicLong(), limit)) {
                        toClient.flush();
                        reset(client, upstream);
                        return;
                    }
                }
                toClient.flush();
                end(current, true);
                current = null;
                if (request.closes() || response.closes()) {
                    return;
                }
            }
        } catch (IOException e) {
            // A client or upstream that went away; nothing to report.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (current != null) {
                end(current, false);
            }
            if (upstream != null) {
                closeQuietly(upstream);
                open.remove(upstream);
            }
            open.remove(client);
        }
    }

    /** Holds a stalled connection: neither reads nor writes until the proxy closes (at most two minutes). */
    private void hold() throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!closed && System.nanoTime() < end) {
            Thread.sleep(20);
        }
    }

    private void answer(Answer answer, OutputStream out) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 " + answer.status() + " Fault\r\n");
        answer.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        if (answer.filler() <= 0 || answer.declareLength()) {
            head.append("Content-Length: ")
                    .append(body.length + Math.max(0, answer.filler()))
                    .append("\r\n");
        } else {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        boolean chunked = answer.filler() > 0 && !answer.declareLength();
        writePart(out, body, body.length, chunked);
        byte[] filler = new byte[64 * 1024];
        java.util.Arrays.fill(filler, (byte) 'x');
        for (long left = answer.filler(); left > 0; left -= filler.length) {
            int n = (int) Math.min(filler.length, left);
            writePart(out, filler, n, chunked);
            out.flush();
            answerBytes.addAndGet(n);
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.flush();
    }

    private static void writePart(OutputStream out, byte[] bytes, int length, boolean chunked) throws IOException {
        if (length == 0) {
            return;
        }
        if (chunked) {
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        out.write(bytes, 0, length);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private Fault takeFault(String pattern, String target) {
        for (Injection injection : injections) {
            if (injection.pattern.equals(pattern)
                    && target.contains(injection.targetContains)
                    && injection.remaining.getAndDecrement() > 0) {
                return injection.fault;
            }
        }
        return null;
    }

    /**
     * Copies a message body, counting its bytes (without chunk framing) and stopping after {@code limit} of them.
     *
     * @return whether the whole body was copied
     */
    private static boolean copyBody(Head head, InputStream in, OutputStream out, AtomicLong counter, long limit)
            throws IOException {
        if (head.chunked()) {
            long copied = 0;
            while (true) {
                String sizeLine = readLine(in);
                out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int semicolon = sizeLine.indexOf(';');
                long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    String trailer;
                    do {
                        trailer = readLine(in);
                        out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    } while (!trailer.isEmpty());
                    return true;
                }
                long allowed = Math.min(size, limit - copied);
                copied += copyExactly(in, out, allowed, counter);
                if (allowed < size) {
                    return false;
                }
                out.write(readLine(in).getBytes(StandardCharsets.ISO_8859_1));
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        long length = Math.max(0, head.contentLength());
        long allowed = Math.min(length, limit);
        copyExactly(in, out, allowed, counter);
        return allowed == length;
    }

    private static long copyExactly(InputStream in, OutputStream out, long count, AtomicLong counter)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("body ended early");
            }
            out.write(buffer, 0, n);
            counter.addAndGet(n);
            left -= n;
        }
        return count;
    }

    private static void reset(Socket client, Socket upstream) throws IOException {
        client.setSoLinger(true, 0);
        client.close();
        if (upstream != null) {
            upstream.setSoLinger(true, 0);
            upstream.close();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(c);
        }
        throw new EOFException("connection closed in the middle of a line");
    }

    /** The start line and headers of a request or answer, with their raw bytes for forwarding. */
    private record Head(String firstLine, Map<String, String> headers, byte[] raw) {

        static Head read(InputStream in) throws IOException {
            in.mark(1);
            int firstByte = in.read();
            if (firstByte < 0 || firstByte == 0x16) {
                // End of stream, or a TLS handshake (clients such as skopeo try HTTPS first): close at once.
                return null;
            }
            in.reset();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            String first = readLine(in);
            raw.write((first + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            List<String> lines = new ArrayList<>();
            String line;
            while (!(line = readLine(in)).isEmpty()) {
                lines.add(line);
                raw.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            line.substring(0, colon).trim(),
                            line.substring(colon + 1).trim());
                }
            }
            raw.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return new Head(first, headers, raw.toByteArray());
        }

        byte[] withoutQuery() {
            String[] parts = firstLine.split(" ", 3);
            int query = parts[1].indexOf('?');
            String target = query < 0 ? parts[1] : parts[1].substring(0, query);
            String head = new String(raw, StandardCharsets.ISO_8859_1);
            return (parts[0] + " " + target + " " + parts[2] + head.substring(firstLine.length()))
                    .getBytes(StandardCharsets.ISO_8859_1);
        }

        long contentLength() {
            String value = headers.get("Content-Length");
            return value == null ? (firstLine.startsWith("HTTP/") ? -1 : 0) : Long.parseLong(value.trim());
        }

        boolean chunked() {
            return headers.getOrDefault("Transfer-Encoding", "")
                    .toLowerCase(Locale.ROOT)
                    .contains("chunked");
        }

        int status() {
            return Integer.parseInt(firstLine.split(" ", 3)[1]);
        }

        boolean closes() {
            return headers.getOrDefault("Connection", "")
                    .toLowerCase(Locale.ROOT)
                    .contains("close");
        }
    }

    @Override
    public String toString() {
        return "CountingProxy[" + host() + " -> " + upstreamHost + ":" + upstreamPort + ", " + requestsByPattern()
                + "]";
    }
}
