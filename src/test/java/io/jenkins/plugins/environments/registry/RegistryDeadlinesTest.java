package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.Timeouts;
import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deadlines of the registry client (issue 10, class 8): a registry that stalls in a blob or a manifest, accepts and
 * never answers, drips, resets, sends an oversized manifest or token, or asks to be retried later. Two real registries
 * (Debian's docker-registry, the target with basic auth), each behind a {@link CountingProxy} that injects the fault.
 * Every stall case asserts the message (registry, host, what stalled), a generous bound on the time (idle timeout plus
 * ten seconds), that the target tag was not written (skopeo asks the target registry itself), that the stalled request
 * was not retried, and that no thread is left reading.
 */
class RegistryDeadlinesTest {

    private static final String USER = "promoter";
    private static final String PASSWORD = "Pr0mote-Only-Digests";
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), IDLE);
    /** Generous: what a stall may take, on a slow shared machine, before the test calls it a hang. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private static final String BLOB_GET = "GET /v2/*/blobs/*";
    private static final String MANIFEST_GET = "GET /v2/*/manifests/*";
    private static final String MANIFEST_HEAD = "HEAD /v2/*/manifests/*";
    private static final String MANIFEST_PUT = "PUT /v2/*/manifests/*";
    private static final String UPLOAD_PUT = "PUT /v2/*/blobs/uploads/*";

    @TempDir
    static Path scratch;

    private static DockerRegistry sourceRegistry;
    private static DockerRegistry targetRegistry;
    private static CountingProxy sourceProxy;
    private static CountingProxy targetProxy;
    private static SeededOciImages.Blob image;
    private static Manifest manifest;

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private RegistrySession source;
    private RegistrySession target;

    @BeforeAll
    static void seed() throws Exception {
        sourceRegistry = DockerRegistry.start();
        targetRegistry = DockerRegistry.startWithBasicAuth(USER, PASSWORD);
        sourceProxy = CountingProxy.start(sourceRegistry.host());
        targetProxy = CountingProxy.start(targetRegistry.host());
        SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 10);
        image = layout.image("linux", "amd64", List.of(layout.layer(400_000), layout.layer(30_000)));
        layout.tag("app", image);
        layout.push("app", sourceRegistry, "team/app:build-1");
        manifest = Manifest.parse(
                Files.readAllBytes(layout.path()
                        .resolve("blobs/sha256")
                        .resolve(image.digest().substring(7))),
                null);
    }

    @AfterAll
    static void stop() {
        Stream.of(sourceProxy, targetProxy).forEach(CountingProxy::close);
        Stream.of(sourceRegistry, targetRegistry).forEach(DockerRegistry::close);
    }

    @BeforeEach
    void sessions() {
        sourceProxy.reset();
        targetProxy.reset();
        source = session(sourceProxy, Deadline.after(Duration.ofMinutes(1)));
        target = new RegistrySession(
                        new RegistryAccess(
                                "target",
                                targetProxy.host(),
                                true,
                                new RegistryCredential.Basic(USER, PASSWORD.toCharArray()),
                                "target-push"),
                        TIMEOUTS)
                .within(Deadline.after(Duration.ofMinutes(1)));
    }

    private static RegistrySession session(CountingProxy proxy, Deadline deadline) {
        return new RegistrySession(
                        new RegistryAccess("source", proxy.host(), true, new RegistryCredential.Anonymous(), null),
                        TIMEOUTS)
                .within(deadline);
    }

    @AfterEach
    void closeSessions() {
        Stream.of(source, target).forEach(s -> {
            s.close();
            s.access().close();
        });
        assertNoThreadReading();
    }

    private RetryPolicy retry() {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400), d -> {
            sleeps.add(d);
            Thread.sleep(d);
        });
    }

    /**
     * A copier that moves one blob at a time: these tests count the requests of the one blob that fails; {@link
     * #aSourceThatStallsOnEveryBlobStopsEveryParallelTransferAndLeavesNoCopyThread} is the parallel case.
     */
    private ImageCopier oneAtATime() {
        return new ImageCopier(source, target, retry(), 1);
    }

    private String src() {
        return sourceProxy.host() + "/team/app@" + image.digest();
    }

    private String dst(String repositoryAndTag) {
        return targetProxy.host() + "/" + repositoryAndTag;
    }

    /** The blob the copier asks the source for first (blobs of one image are copied in a set's order). */
    private String firstBlob() {
        return sourceProxy.lastTarget(BLOB_GET).replaceFirst(".*/blobs/", "");
    }

    /** The message of a stall in the middle of one of the image's blobs. */
    private void assertStalledOnABlob(String message) {
        String digest = message.replaceFirst("(?s).*/blobs/(sha256:[0-9a-f]{64})\\)$", "$1");
        assertTrue(manifest.blobs().stream().anyMatch(b -> b.digest().value().equals(digest)), digest);
        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + " stalled: no byte of the blob moved for 2s (GET"
                        + " /v2/team/app/blobs/" + digest + ")",
                message);
    }

    /** Runs the copy, which must fail within {@code bound}, and returns its failure. */
    private static RegistryAccessException failsWithin(Duration bound, Executable copy) {
        long start = System.nanoTime();
        RegistryAccessException e = assertThrows(RegistryAccessException.class, copy);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(bound) < 0, "took " + took + ", more than " + bound + ": " + e.getMessage());
        return e;
    }

    private void assertNotTagged(String repositoryAndTag) {
        assertEquals(0, targetProxy.requests(MANIFEST_PUT), "no manifest was put");
        assertFalse(SeededOciImages.exists(targetRegistry, repositoryAndTag, scratch), repositoryAndTag + " exists");
    }

    /** No thread of this JVM is still blocked reading an answer of a registry session. */
    private static void assertNoThreadReading() {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> reading;
        do {
            reading = Thread.getAllStackTraces().entrySet().stream()
                    .filter(e ->
                            e.getKey() != Thread.currentThread() && e.getKey().isAlive())
                    .filter(e -> Stream.of(e.getValue())
                            .anyMatch(frame -> frame.getClassName().contains("HttpResponseInputStream")
                                    || frame.getClassName().startsWith(RegistrySession.class.getPackageName() + ".")))
                    .map(e -> e.getKey().getName())
                    .toList();
            if (reading.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < end);
        throw new AssertionError("threads still reading from a registry: " + reading);
    }

    @Test
    void aSourceThatStallsInTheMiddleOfABlobFailsAfterTheIdleTimeoutAndTagsNothing() {
        sourceProxy.inject(BLOB_GET, new CountingProxy.StallAnswer(100_000), Long.MAX_VALUE);
        RegistryAccessException e =
                failsWithin(IDLE.plus(SLACK), () -> oneAtATime().promote(src(), dst("stall/app:live")));

        assertInstanceOf(RegistryStallException.class, e);
        assertStalledOnABlob(e.getMessage());
        assertEquals(1, sourceProxy.requests(BLOB_GET), "a stall is not retried");
        assertEquals(List.of(), sleeps);
        assertNotTagged("stall/app:live");
    }

    @Test
    void aSourceThatStallsOnEveryBlobStopsEveryParallelTransferAndLeavesNoCopyThread() {
        sourceProxy.inject(BLOB_GET, new CountingProxy.StallAnswer(100_000), Long.MAX_VALUE);
        RegistryAccessException e = failsWithin(
                IDLE.plus(SLACK),
                () -> new ImageCopier(source, target, retry(), 4).promote(src(), dst("stall/app:all")));

        assertInstanceOf(RegistryStallException.class, e);
        assertStalledOnABlob(e.getMessage());
        long gets = sourceProxy.requests(BLOB_GET);
        assertTrue(
                gets >= 1 && gets <= manifest.blobs().size(), "each blob asked for once at most, not retried: " + gets);
        assertEquals(List.of(), sleeps, "a stall is not retried");
        assertEquals(List.of(), copyThreads(), "the copy's threads ended before it returned");
        assertNotTagged("stall/app:all");
    }

    /** The live threads of image copies. */
    static List<String> copyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("registry copy "))
                .toList();
    }

    @Test
    void aSourceThatStallsInTheMiddleOfAManifestFailsAndTagsNothing() {
        sourceProxy.inject(MANIFEST_GET, new CountingProxy.StallAnswer(50), 1);
        RegistryAccessException e = failsWithin(
                IDLE.plus(SLACK), () -> new ImageCopier(source, target, retry()).promote(src(), dst("stall/app:m")));

        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + " stalled: no byte of the manifest moved for 2s (GET"
                        + " /v2/team/app/manifests/" + image.digest() + ")",
                e.getMessage());
        assertEquals(1, sourceProxy.requests(MANIFEST_GET));
        assertNotTagged("stall/app:m");
    }

    @Test
    void aTargetThatAcceptsAndNeverAnswersFailsAfterTheIdleTimeout() {
        targetProxy.inject(MANIFEST_HEAD, new CountingProxy.NeverAnswer(), 1);
        RegistryAccessException e = failsWithin(
                IDLE.plus(SLACK), () -> new ImageCopier(source, target, retry()).promote(src(), dst("mute/app:live")));

        assertEquals(
                "Registry 'target' at " + targetProxy.host() + " stalled: no byte of the manifest moved for 2s (HEAD"
                        + " /v2/mute/app/manifests/live)",
                e.getMessage());
        assertEquals(0, sourceProxy.requests(BLOB_GET), "nothing was downloaded");
        assertNotTagged("mute/app:live");
    }

    @Test
    void aSourceThatNeverAnswersABlobRequestFailsAndTagsNothing() {
        sourceProxy.inject(BLOB_GET, new CountingProxy.NeverAnswer(), Long.MAX_VALUE);
        RegistryAccessException e =
                failsWithin(IDLE.plus(SLACK), () -> oneAtATime().promote(src(), dst("mute/app:blob")));

        assertStalledOnABlob(e.getMessage());
        assertEquals(1, sourceProxy.requests(BLOB_GET));
        assertNotTagged("mute/app:blob");
    }

    @Test
    void aTargetThatStopsTakingAnUploadFailsNamingTheTarget() {
        targetProxy.inject(UPLOAD_PUT, new CountingProxy.StallRequest(1000), Long.MAX_VALUE);
        RegistryAccessException e =
                failsWithin(IDLE.plus(SLACK), () -> oneAtATime().promote(src(), dst("full/app:live")));

        assertTrue(
                Pattern.matches(
                        Pattern.quote("Registry 'target' at " + targetProxy.host()
                                        + " stalled: no byte of the blob upload moved for 2s (PUT"
                                        + " /v2/full/app/blobs/uploads/")
                                + "[^ ?]+\\)",
                        e.getMessage()),
                e.getMessage());
        assertEquals(1, targetProxy.requests(UPLOAD_PUT));
        assertNotTagged("full/app:live");
    }

    @Test
    void aSlowDripBelowTheIdleTimeoutIsCutOffAtTheDeadline() throws Exception {
        source.close();
        source = session(sourceProxy, Deadline.after(Duration.ofSeconds(5)));
        sourceProxy.inject(BLOB_GET, new CountingProxy.Drip(Duration.ofMillis(200)), Long.MAX_VALUE);
        RegistryAccessException e = failsWithin(
                Duration.ofSeconds(5).plus(SLACK), () -> oneAtATime().promote(src(), dst("drip/app:live")));

        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + ": the step's timeout of 5s ran out during the blob"
                        + " transfer (GET /v2/team/app/blobs/" + firstBlob() + ")",
                e.getMessage());
        assertNotTagged("drip/app:live");
    }

    @Test
    void aRegistryThatAlwaysResetsIsRetriedAFewTimesThenFailsAndTagsNothing() {
        sourceProxy.inject(BLOB_GET, CountingProxy.Fault.RESET_RESPONSE_BODY, Long.MAX_VALUE);
        RegistryAccessException e =
                failsWithin(IDLE.plus(SLACK), () -> oneAtATime().promote(src(), dst("reset/app:live")));

        assertTrue(e.getMessage().endsWith("(gave up after 3 attempts)"), e.getMessage());
        assertEquals(3, sourceProxy.requests(BLOB_GET));
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
        assertNotTagged("reset/app:live");
    }

    @Test
    void aManifestThatDeclares256MiBIsRefusedBeforeItIsRead() {
        sourceProxy.inject(
                MANIFEST_GET,
                new CountingProxy.Answer(
                        200, Map.of("Content-Type", Manifest.OCI_MANIFEST), "", 256L * 1024 * 1024, true),
                1);
        RegistryAccessException e = failsWithin(
                IDLE.plus(SLACK), () -> new ImageCopier(source, target, retry()).promote(src(), dst("huge/app:live")));

        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + " answered GET /v2/team/app/manifests/" + image.digest()
                        + " with a manifest of 268435456 bytes, more than the limit of 4 MiB; refused without reading"
                        + " it",
                e.getMessage());
        assertBytesTakenAtMost(0);
        assertNotTagged("huge/app:live");
    }

    @Test
    void aManifestStreamedWithoutLengthIsCutOffAtFourMiB() {
        sourceProxy.inject(
                MANIFEST_GET,
                new CountingProxy.Answer(
                        200, Map.of("Content-Type", Manifest.OCI_MANIFEST), "{", 256L * 1024 * 1024, false),
                1);
        RegistryAccessException e = failsWithin(
                IDLE.plus(SLACK), () -> new ImageCopier(source, target, retry()).promote(src(), dst("huge/app:chunk")));

        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + " answered GET /v2/team/app/manifests/" + image.digest()
                        + " with a manifest larger than the limit of 4 MiB; refused after reading 4 MiB of it",
                e.getMessage());
        assertBytesTakenAtMost(RegistrySession.BODY_LIMIT);
        assertNotTagged("huge/app:chunk");
    }

    /**
     * What the proxy wrote of a huge answer is at most what the client read plus what the sockets buffer on the way
     * (a few MiB on loopback) — far from the 256 MiB offered.
     */
    private static void assertBytesTakenAtMost(long read) {
        long written = sourceProxy.answerBytesWritten();
        long buffers = 12L * 1024 * 1024;
        assertTrue(written <= read + buffers, "the proxy wrote " + written + " bytes");
    }

    @Test
    void aRetryAfterLongerThanTheDeadlineFailsAtOnceWithTheRegistrysWords() {
        source.close();
        source = session(sourceProxy, Deadline.after(Duration.ofSeconds(5)));
        sourceProxy.inject(
                MANIFEST_GET,
                CountingProxy.Answer.json(
                        429,
                        Map.of("Retry-After", "120", "Content-Type", "application/json"),
                        "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"pull rate limit exceeded\"}]}"),
                1);
        RegistryAccessException e = failsWithin(
                Duration.ofSeconds(4),
                () -> new ImageCopier(source, target, retry()).promote(src(), dst("limited/app:live")));

        assertTrue(
                Pattern.matches(
                        Pattern.quote("Registry 'source' at " + sourceProxy.host() + " answered GET /v2/team/app/"
                                        + "manifests/" + image.digest() + " with HTTP 429 TOOMANYREQUESTS (pull rate"
                                        + " limit exceeded); it asks to wait 2m before trying again (Retry-After),"
                                        + " more than the ")
                                + "[1-5]s"
                                + Pattern.quote(" left of the step's timeout of 5s; nothing was tagged"),
                        e.getMessage()),
                e.getMessage());
        assertEquals(1, sourceProxy.requests(MANIFEST_GET));
        assertEquals(List.of(), sleeps, "no wait at all");
        assertNotTagged("limited/app:live");
    }

    @Test
    void aRetryAfterAsAnHttpDatePastTheDeadlineFailsAtOnce() {
        source.close();
        source = session(sourceProxy, Deadline.after(Duration.ofSeconds(5)));
        String inAnHour = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusHours(1));
        sourceProxy.inject(
                BLOB_GET,
                CountingProxy.Answer.json(
                        503,
                        Map.of("Retry-After", inAnHour, "Content-Type", "application/json"),
                        "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"maintenance\"}]}"),
                1);
        RegistryAccessException e =
                failsWithin(Duration.ofSeconds(4), () -> oneAtATime().promote(src(), dst("limited/app:date")));

        assertTrue(
                e.getMessage()
                        .startsWith("Registry 'source' at " + sourceProxy.host() + " answered GET /v2/team/app/blobs/"
                                + firstBlob() + " with HTTP 503 UNAVAILABLE (maintenance); it asks to wait "),
                e.getMessage());
        assertTrue(e.getMessage().contains("(Retry-After), more than the "), e.getMessage());
        assertEquals(List.of(), sleeps);
        assertNotTagged("limited/app:date");
    }

    @Test
    void aShortRetryAfterIsWaitedForAndTheCopySucceeds() throws Exception {
        sourceProxy.inject(
                MANIFEST_GET,
                CountingProxy.Answer.json(
                        429,
                        Map.of("Retry-After", "1", "Content-Type", "application/json"),
                        "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}"),
                1);
        CopyReport report = new ImageCopier(source, target, retry()).promote(src(), dst("patient/app:live"));

        assertEquals(1, report.retries());
        assertEquals(List.of(Duration.ofSeconds(1)), sleeps, "the registry's wait, not the policy's 100 ms");
        assertEquals(
                image.digest(),
                SeededOciImages.sha256(SeededOciImages.inspectRaw(targetRegistry, "patient/app:live", scratch)));
    }

    @Test
    void aDeadlineThatHasPassedSendsNothing() {
        AtomicLong now = new AtomicLong();
        source.close();
        source = session(sourceProxy, Deadline.after(Duration.ofSeconds(5), now::get));
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        RegistryAccessException e = assertThrows(
                RegistryAccessException.class, () -> new RegistryClient(source).getManifest("team/app", "build-1"));

        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + ": the step's timeout of 5s ran out before GET"
                        + " /v2/team/app/manifests/build-1",
                e.getMessage());
        assertEquals(0, sourceProxy.requests());
    }

    @Test
    void aPingThatIsNeverAnsweredStallsAfterTheIdleTimeout() {
        sourceProxy.inject("GET /v2/", new CountingProxy.NeverAnswer(), 1);
        RegistryAccessException e = failsWithin(IDLE.plus(SLACK), source::ping);

        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + " stalled: no byte of the answer moved for 2s (GET"
                        + " /v2/)",
                e.getMessage());
    }

    @Test
    void aBlobReadByTheCallerStallsWithTheRegistrysNameInTheIOException() throws Exception {
        sourceProxy.inject(BLOB_GET, new CountingProxy.StallAnswer(10), 1);
        java.io.IOException e;
        long start = System.nanoTime();
        Digest digest = manifest.blobs().get(0).digest();
        try (java.io.InputStream blob = new RegistryClient(source).openBlob("team/app", digest)) {
            e = assertThrows(java.io.IOException.class, blob::readAllBytes);
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(IDLE.plus(SLACK)) < 0);
        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + " stalled: no byte of the blob moved for 2s (GET"
                        + " /v2/team/app/blobs/" + digest + ")",
                e.getMessage());
    }

    /** Pings a token-authenticated registry whose token service, behind a proxy, suffers the fault. */
    private static RegistryAccessException tokenFails(CountingProxy.Fault fault, String[] host) throws Exception {
        try (EmulatedTokenRegistry registry = new EmulatedTokenRegistry(USER, PASSWORD);
                CountingProxy proxy = CountingProxy.start(registry.host())) {
            host[0] = proxy.host();
            registry.realm("http://" + proxy.host() + "/token");
            proxy.inject("GET /token", fault, 1);
            try (RegistrySession session = new RegistrySession(
                            new RegistryAccess(
                                    "emulated",
                                    proxy.host(),
                                    true,
                                    new RegistryCredential.Basic(USER, PASSWORD.toCharArray()),
                                    "robot-login"),
                            TIMEOUTS)
                    .within(Deadline.after(Duration.ofMinutes(1)))) {
                RegistryAccessException e = failsWithin(IDLE.plus(SLACK), session::ping);
                assertTrue(proxy.answerBytesWritten() <= 12L * 1024 * 1024, "wrote " + proxy.answerBytesWritten());
                assertEquals(0, proxy.requests("GET /v2/*/manifests/*"));
                return e;
            }
        }
    }

    @Test
    void aTokenServiceThatNeverAnswersStallsNamingTheTokenService() throws Exception {
        String[] host = new String[1];
        RegistryAccessException e = tokenFails(new CountingProxy.NeverAnswer(), host);

        assertEquals(
                "Registry 'emulated' at " + host[0] + ": token service http://" + host[0]
                        + " stalled: no byte of the token moved for 2s (GET /token)",
                e.getMessage());
    }

    @Test
    void aTokenAnswerThatDeclaresAMegabyteIsRefusedUnread() throws Exception {
        String[] host = new String[1];
        RegistryAccessException e = tokenFails(
                new CountingProxy.Answer(
                        200, Map.of("Content-Type", "application/json"), "{\"token\":\"", 1 << 20, true),
                host);

        assertEquals(
                "Registry 'emulated' at " + host[0] + ": token service http://" + host[0] + " answered GET /token with"
                        + " a token of 1048586 bytes, more than the limit of 64 KiB; refused without reading it",
                e.getMessage());
    }

    @Test
    void aTokenAnswerStreamedWithoutLengthIsCutOffAt64KiB() throws Exception {
        String[] host = new String[1];
        RegistryAccessException e = tokenFails(
                new CountingProxy.Answer(
                        200, Map.of("Content-Type", "application/json"), "{\"token\":\"", 1 << 20, false),
                host);

        assertEquals(
                "Registry 'emulated' at " + host[0] + ": token service http://" + host[0] + " answered GET /token with"
                        + " a token larger than the limit of 64 KiB; refused after reading 64 KiB of it",
                e.getMessage());
    }

    @Test
    void aRegistryThatDoesNotTakeTheConnectionFailsAfterTheConnectTimeout() throws Exception {
        // A listening socket whose accept queue is full: the kernel drops further connection attempts.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> queued = new ArrayList<>();
            try {
                for (int i = 0; i < 20; i++) {
                    java.net.Socket socket = new java.net.Socket();
                    try {
                        socket.connect(full.getLocalSocketAddress(), 200);
                        queued.add(socket);
                    } catch (java.net.SocketTimeoutException queueIsFull) {
                        socket.close();
                        break;
                    }
                }
                String host = "127.0.0.1:" + full.getLocalPort();
                try (RegistrySession session = new RegistrySession(
                        new RegistryAccess("busy", host, true, new RegistryCredential.Anonymous(), null),
                        new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(5)))) {
                    RegistryAccessException e =
                            failsWithin(Duration.ofSeconds(1).plus(SLACK), session::ping);

                    assertEquals(
                            "Registry 'busy' at " + host + ": http://" + host
                                    + " is unreachable (HttpConnectTimeoutException: HTTP connect timed out)",
                            e.getMessage());
                }
            } finally {
                for (java.net.Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void theStandardTimeoutsAreTenSecondsToConnectAndThirtyIdle() {
        assertEquals(new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)), Timeouts.STANDARD);
        try (RegistrySession plain = new RegistrySession(
                new RegistryAccess("plain", sourceProxy.host(), true, new RegistryCredential.Anonymous(), null))) {
            assertEquals(Timeouts.STANDARD, plain.timeouts());
            assertTrue(
                    plain.deadline().remaining().compareTo(Duration.ofDays(365)) > 0, "no deadline until one is set");
        }
    }
}
