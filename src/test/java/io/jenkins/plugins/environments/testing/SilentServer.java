package io.jenkins.plugins.environments.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on a free loopback port that accepts connections, reads what the client sends, optionally answers with a
 * fixed prefix (such as the headers and the first bytes of an HTTP answer), and then says nothing more: a Git remote
 * or Kubernetes API server that hangs. Connections are held until the client gives up or the server is closed.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket server;
    private final byte[] prefix;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    private SilentServer(ServerSocket server, byte[] prefix) {
        this.server = server;
        this.prefix = prefix;
        this.acceptor = Thread.ofPlatform().daemon().name("silent-server").start(this::accept);
    }

    /** @return a server that never answers */
    public static SilentServer mute() {
        return answeringThenSilent("");
    }

    /** @return a server that answers each connection's first request with {@code prefix}, then nothing more */
    public static SilentServer answeringThenSilent(String prefix) {
        try {
            return new SilentServer(
                    new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    prefix.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {@code 127.0.0.1:PORT} */
    public String host() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** @return how many connections were accepted */
    public int connections() {
        return accepted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().start(() -> hold(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void hold(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            if (in.read(buffer) > 0 && prefix.length > 0) {
                socket.getOutputStream().write(prefix);
                socket.getOutputStream().flush();
            }
            while (in.read(buffer) >= 0) {
                // Read and ignore whatever else comes, until the client goes.
            }
        } catch (IOException e) {
            // The client gave up.
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        open.forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
