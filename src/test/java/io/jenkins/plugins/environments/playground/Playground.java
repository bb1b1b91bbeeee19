package io.jenkins.plugins.environments.playground;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.testing.JGitIsolation;
import io.jenkins.plugins.environments.testing.ScratchDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The environment dashboard without a Jenkins: starts the project's test components on the loopback address (two
 * {@code docker-registry} instances, the Kubernetes API fixture, a bare Git repository), plays a week of previews,
 * promotions, approvals, a rollback and a change made by hand with the plugin's real code ({@link PlaygroundHistory}),
 * and serves the dashboard page, its script, styles and JSON ({@link DashboardServer}) until stopped.
 *
 * <p>{@code bin/playground [--port N]} runs {@link #main}; tests use {@link #start(int)} and {@link #close()}.
 */
public final class Playground implements AutoCloseable {

    /** The mock API server logs every request at INFO; the console shows only its warnings. */
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final ScratchDirectory scratch;
    private final PlaygroundWorld world;
    private final Story story;
    private final DashboardSource source;
    private final DashboardServer server;

    private Playground(
            ScratchDirectory scratch,
            PlaygroundWorld world,
            Story story,
            DashboardSource source,
            DashboardServer server) {
        this.scratch = scratch;
        this.world = world;
        this.story = story;
        this.source = source;
        this.server = server;
    }

    /**
     * Starts everything and builds the history; on failure, whatever started is stopped.
     *
     * @param port the port on 127.0.0.1, 0 for a free one
     */
    public static Playground start(int port) throws Exception {
        JGitIsolation.install();
        ScratchDirectory scratch = ScratchDirectory.create("playground");
        PlaygroundWorld world = null;
        DashboardSource source = null;
        try {
            Path assets = DashboardServer.sourceAssets();
            world = PlaygroundWorld.start(scratch.path(), PlaygroundHistory.gitopsFiles());
            SteppedClock clock = new SteppedClock(PlaygroundHistory.storyStart());
            Story story = PlaygroundHistory.build(world, clock);
            clock.followRealTime();
            source = DashboardSource.open(world, story, clock);
            DashboardServer server = DashboardServer.start(port, source, assets);
            return new Playground(scratch, world, story, source, server);
        } catch (Exception | Error e) {
            if (source != null) {
                source.close();
            }
            if (world != null) {
                world.close();
            }
            scratch.close();
            throw e;
        }
    }

    /** @return the dashboard's address, {@code http://127.0.0.1:<port>/} */
    public URI url() {
        return server.url();
    }

    /** @return what the history did, for tests to compare the page with */
    public Story story() {
        return story;
    }

    /**
     * Waits until the drift monitor has read every cell once.
     *
     * @return whether it had in time
     */
    public boolean awaitDriftReadings(Duration timeout) throws InterruptedException {
        return source.awaitDriftReadings(timeout);
    }

    /** Appends an event to the playground's ledger, as a build would; the page shows it on its next refresh. */
    public LedgerEvent record(LedgerEvent.Builder event) throws IOException {
        return source.append(event);
    }

    /** Stops the server, the components, and deletes every file. */
    @Override
    public void close() {
        try {
            server.close();
            source.close();
            world.close();
        } finally {
            scratch.close();
        }
    }

    /** {@code --port N}: the port on 127.0.0.1, 0 (the default) for a free one. */
    public static void main(String[] args) throws Exception {
        int port = port(args);
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        System.out.println("Starting the playground: two docker-registry instances, the Kubernetes API fixture,"
                + " a bare Git repository; then a week of history with the plugin's code…");
        Playground playground = start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            playground.close();
                            stopped.countDown();
                        },
                        "playground-stop"));
        System.out.println();
        System.out.println("Environment dashboard: " + playground.url());
        System.out.println("  dark theme:          " + playground.url() + "?theme=dark");
        System.out.println("  data:                " + playground.url() + "data");
        System.out.println("Stop with Ctrl-C.");
        stopped.await();
    }

    static int port(String[] args) {
        int port = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port") && i + 1 < args.length) {
                try {
                    port = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--port takes a number from 0 to 65535, not '" + args[i] + "'");
                }
                if (port < 0 || port > 65535) {
                    throw new IllegalArgumentException("--port takes a number from 0 to 65535, not " + port);
                }
            } else {
                throw new IllegalArgumentException("Unknown argument '" + args[i] + "': use --port N");
            }
        }
        return port;
    }
}
