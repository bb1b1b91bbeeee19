package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageCopier} moving blobs in parallel between two real registries (Debian's docker-registry, the target with
 * basic auth), each behind a {@link CountingProxy} that records when each request began and ended. The tests assert
 * what was sent, how often, how many at once and in which order; never how long it took.
 */
class ImageCopierParallelTest {

    private static final String UPLOAD_PUT = "PUT /v2/*/blobs/uploads/*";
    private static final String UPLOAD_POST = "POST /v2/*/blobs/uploads/";
    private static final String BLOB_GET = "GET /v2/*/blobs/*";
    private static final String MANIFEST_PUT = "PUT /v2/*/manifests/*";
    private static final int LAYERS = 12;

    @TempDir
    static Path scratch;

    private static DockerRegistry sourceRegistry;
    private static DockerRegistry targetRegistry;
    private static CountingProxy sourceProxy;
    private static CountingProxy targetProxy;
    private static SeededOciImages.Blob many;
    private static List<Manifest.Descriptor> manyBlobs;
    private static SeededOciImages.Blob index;
    private static SeededOciImages.Blob base;

    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40), d -> {});
    private RegistrySession source;
    private RegistrySession target;

    @BeforeAll
    static void seed() throws Exception {
        sourceRegistry = DockerRegistry.start();
        targetRegistry = CopySessions.startTarget();
        sourceProxy = CountingProxy.start(sourceRegistry.host());
        targetProxy = CountingProxy.start(targetRegistry.host());

        SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 7);
        many = layout.image(
                "linux",
                "amd64",
                IntStream.range(0, LAYERS)
                        .mapToObj(i -> layout.layer(20_000 + 7_000 * i))
                        .toList());
        base = layout.layer(90_000);
        index = layout.index(List.of(
                layout.image("linux", "amd64", List.of(base, layout.layer(30_000))),
                layout.image("linux", "arm64", List.of(base, layout.layer(31_000))),
                layout.image("linux", "s390x", List.of(base, layout.layer(32_000)))));
        layout.tag("many", many).tag("index", index);
        layout.push("many", sourceRegistry, "team/many:build-1");
        layout.push("index", sourceRegistry, "team/index:build-1");
        manyBlobs = Manifest.parse(
                        Files.readAllBytes(layout.path()
                                .resolve("blobs/sha256")
                                .resolve(many.digest().substring(7))),
                        null)
                .blobs();
    }

    @AfterAll
    static void stop() {
        Stream.of(sourceProxy, targetProxy).forEach(CountingProxy::close);
        Stream.of(sourceRegistry, targetRegistry).forEach(DockerRegistry::close);
    }

    @BeforeEach
    void sessions() {
        source = CopySessions.source(sourceProxy);
        target = CopySessions.target(targetProxy);
    }

    @AfterEach
    void closeSessions() {
        CopySessions.close(source, target);
    }

    private String src(String repositoryAndRef) {
        return sourceProxy.host() + "/" + repositoryAndRef;
    }

    private String dst(String repositoryAndRef) {
        return targetProxy.host() + "/" + repositoryAndRef;
    }

    /** The live threads of image copies. */
    private static List<String> copyThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("registry copy "))
                .toList();
    }

    private static int last(List<String> events, String prefix) {
        int found = -1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                found = i;
            }
        }
        return found;
    }

    private static int first(List<String> events, String prefix) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> begun(List<String> events, String prefix) {
        return events.stream().filter(e -> e.startsWith("begin " + prefix)).toList();
    }

    @Test
    void aManyLayerImageMovesThreeBlobsAtOnceEachOnceAndIsTaggedLast() throws Exception {
        // The first three uploads are held until all three are in flight: only a parallel copy gets past them.
        targetProxy.inject(UPLOAD_PUT, CountingProxy.Gather.of(3), 3);

        CopyReport report = new ImageCopier(source, target, retry, 3)
                .promote(src("team/many@" + many.digest()), dst("prod/many:live"));

        long blobBytes = manyBlobs.stream().mapToLong(Manifest.Descriptor::size).sum();
        assertEquals(LAYERS + 1, manyBlobs.size(), "the layers and the config");
        assertEquals(3, targetProxy.peakInFlight(UPLOAD_PUT), "three uploads at once, never more");
        assertEquals(manyBlobs.size(), targetProxy.requests(UPLOAD_PUT), "each blob uploaded once");
        assertEquals(manyBlobs.size(), targetProxy.requests(UPLOAD_POST));
        assertEquals(manyBlobs.size(), sourceProxy.requests(BLOB_GET), "each blob downloaded once");
        assertEquals(blobBytes, targetProxy.requestBodyBytes(UPLOAD_PUT));
        assertEquals(blobBytes, report.blobBytesUploaded());
        assertEquals(manyBlobs.size(), report.blobsUploaded());
        assertEquals(1, report.manifestsPut());
        assertEquals(sourceProxy.requests() + targetProxy.requests(), report.requests());

        List<String> events = targetProxy.events();
        int tagPut = first(events, "begin PUT /v2/prod/many/manifests/");
        assertTrue(
                last(events, "end PUT /v2/prod/many/blobs/uploads/") < tagPut,
                () -> "every blob confirmed before the manifest: " + events);
        assertEquals(tagPut, last(events, "begin "), () -> "the tag is the last request: " + events);
        assertEquals(List.of("begin PUT /v2/prod/many/manifests/live"), begun(events, "PUT /v2/prod/many/manifests/"));
        assertEquals(
                many.digest(),
                SeededOciImages.sha256(SeededOciImages.inspectRaw(targetRegistry, "prod/many:live", scratch)));
        assertEquals(List.of(), copyThreads(), "the copy's threads ended with it");
    }

    @Test
    void oneAtATimeNeverHasTwoUploadsInFlight() throws Exception {
        CopyReport report = new ImageCopier(source, target, retry, 1)
                .promote(src("team/many@" + many.digest()), dst("one/many:live"));

        assertEquals(1, targetProxy.peakInFlight(UPLOAD_PUT));
        assertEquals(1, sourceProxy.peakInFlight(BLOB_GET));
        assertEquals(manyBlobs.size(), report.blobsUploaded());
        assertEquals(List.of(), copyThreads());
    }

    @Test
    void aBlobServedWithTheWrongBytesStopsTheCopyAndNothingIsPutOrTagged() throws Exception {
        Manifest.Descriptor middle = manyBlobs.get(manyBlobs.size() / 2);
        String wrong = "x".repeat((int) middle.size());
        sourceProxy.inject(
                BLOB_GET,
                middle.digest().value(),
                new CountingProxy.Answer(200, Map.of("Content-Type", "application/octet-stream"), wrong, 0, true),
                Long.MAX_VALUE);

        RegistryAccessException e = assertThrows(
                RegistryAccessException.class,
                () -> new ImageCopier(source, target, retry, 4)
                        .promote(src("team/many@" + many.digest()), dst("bad/many:live")));

        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + ": blob " + middle.digest() + " of "
                        + src("team/many@" + many.digest()) + " was served with the digest "
                        + SeededOciImages.sha256(wrong.getBytes(StandardCharsets.US_ASCII))
                        + "; nothing was tagged",
                e.getMessage());
        assertEquals(0, targetProxy.requests(MANIFEST_PUT), "no manifest was put");
        assertTrue(
                sourceProxy.events().stream()
                                .filter(event -> event.equals("begin GET /v2/team/many/blobs/" + middle.digest()))
                                .count()
                        == 1,
                "wrong bytes are not fetched again");
        assertFalse(SeededOciImages.exists(targetRegistry, "bad/many:live", scratch));
        assertEquals(List.of(), copyThreads(), "no transfer left running");
    }

    @Test
    void interruptingTheCopyCancelsEveryTransferAndTagsNothing() throws Exception {
        sourceProxy.inject(BLOB_GET, new CountingProxy.NeverAnswer(), Long.MAX_VALUE);
        RegistryAccessException[] failure = new RegistryAccessException[1];
        Thread step = new Thread(() -> {
            try {
                new ImageCopier(source, target, retry, 4)
                        .promote(src("team/many@" + many.digest()), dst("stopped/many:live"));
            } catch (RegistryAccessException e) {
                failure[0] = e;
            }
        });
        step.start();
        while (sourceProxy.peakInFlight(BLOB_GET) < 4 && step.isAlive()) {
            Thread.onSpinWait();
        }
        step.interrupt();
        step.join();

        assertEquals("interrupted while transferring; nothing was tagged", failure[0].getMessage());
        assertEquals(4, sourceProxy.requests(BLOB_GET), "four downloads were under way, none started after");
        assertEquals(0, targetProxy.requests(MANIFEST_PUT));
        assertEquals(0, targetProxy.requests(UPLOAD_PUT));
        assertEquals(List.of(), copyThreads(), "no transfer left running");
    }

    @Test
    void aThreePlatformIndexMovesItsSharedLayerOnceAndPutsTheChildrenBeforeTheIndexAndTheTagLast() throws Exception {
        CopyReport report = new ImageCopier(source, target, retry)
                .promote(src("team/index@" + index.digest()), dst("prod/index:live"));

        // Three configs, three own layers, and the base layer the three platforms share.
        assertEquals(7, report.blobsUploaded());
        assertEquals(7, targetProxy.requests(UPLOAD_PUT));
        assertEquals(7, sourceProxy.requests(BLOB_GET));
        assertEquals(
                1,
                sourceProxy.events().stream()
                        .filter(event -> event.equals("begin GET /v2/team/index/blobs/" + base.digest()))
                        .count(),
                "the shared layer is downloaded once");
        assertEquals(4, report.manifestsPut());
        assertEquals(4, sourceProxy.requests("GET /v2/*/manifests/*"), "the index, then each platform once");

        List<String> events = targetProxy.events();
        List<String> childPuts = begun(events, "PUT /v2/prod/index/manifests/sha256:");
        assertEquals(3, childPuts.size(), () -> events.toString());
        int firstManifest = first(events, "begin PUT /v2/prod/index/manifests/");
        assertTrue(
                last(events, "end PUT /v2/prod/index/blobs/uploads/") < firstManifest,
                () -> "every blob confirmed before any manifest: " + events);
        int tagPut = first(events, "begin PUT /v2/prod/index/manifests/live");
        assertTrue(
                last(events, "end PUT /v2/prod/index/manifests/sha256:") < tagPut,
                () -> "every platform's manifest put before the index: " + events);
        assertEquals(tagPut, last(events, "begin "), () -> "the tag is the last request: " + events);
        assertEquals(
                index.digest(),
                SeededOciImages.sha256(SeededOciImages.inspectRaw(targetRegistry, "prod/index:live", scratch)));
        assertEquals(List.of(), copyThreads());
    }

    @Test
    void theSecondCopyOfTheIndexFindsEveryBlobAndUploadsNothing() throws Exception {
        new ImageCopier(source, target, retry).promote(src("team/index@" + index.digest()), dst("again/index:one"));
        sourceProxy.reset();
        targetProxy.reset();

        CopyReport report = new ImageCopier(source, target, retry)
                .promote(src("team/index@" + index.digest()), dst("again/index:two"));

        assertEquals(7, report.blobsSkipped());
        assertEquals(0, report.blobsUploaded());
        assertEquals(7, targetProxy.requests(UPLOAD_POST), "one mount from the target repository per distinct blob");
        assertEquals(0, targetProxy.requests(UPLOAD_PUT), "no upload finished");
        assertEquals(0, sourceProxy.requests(BLOB_GET));
        assertEquals(0, targetProxy.requests("HEAD /v2/*/blobs/*"), "the mount's answer says the blob is there");
    }

    @Test
    void concurrencyOutsideOneToSixteenIsRefusedBeforeAnyRequest() {
        for (int wrong : new int[] {0, 17}) {
            var e = assertThrows(
                    io.jenkins.plugins.environments.model.InvalidConfigurationException.class,
                    () -> new ImageCopier(source, target, retry, wrong));
            assertEquals(
                    "Max parallel transfers is " + wrong + ": use a number from 1 to 16 (6 unless set)",
                    e.getMessage());
        }
        assertEquals(0, sourceProxy.requests() + targetProxy.requests());
        assertEquals(new ArrayList<String>(), copyThreads());
    }
}
