package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.SeededOciImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ImageCopier} between two real registries (Debian's docker-registry; the target with htpasswd basic auth),
 * each behind a {@link CountingProxy} that counts requests and body bytes and injects faults. Images are written as an
 * OCI layout by the test and pushed with skopeo; skopeo also reads back what the copier wrote.
 */
class ImageCopierTest {

    private static final String UPLOAD_PUT = "PUT /v2/*/blobs/uploads/*";
    private static final String UPLOAD_POST = "POST /v2/*/blobs/uploads/";

    @TempDir
    static Path scratch;

    private static DockerRegistry sourceRegistry;
    private static DockerRegistry targetRegistry;
    private static CountingProxy sourceProxy;
    private static CountingProxy targetProxy;
    private static SeededOciImages.Blob single;
    private static SeededOciImages.Blob older;
    private static SeededOciImages.Blob multi;
    private static List<SeededOciImages.Blob> singleLayers;
    private static long singleBlobBytes;
    private static long configSize;

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), sleeps::add);
    private RegistrySession source;
    private RegistrySession target;

    @BeforeAll
    static void seed() {
        sourceRegistry = DockerRegistry.start();
        targetRegistry = CopySessions.startTarget();
        sourceProxy = CountingProxy.start(sourceRegistry.host());
        targetProxy = CountingProxy.start(targetRegistry.host());

        SeededOciImages layout = SeededOciImages.create(scratch.resolve("layout"), 42);
        singleLayers = List.of(layout.layer(300_000), layout.layer(120_000), layout.layer(40_000));
        single = layout.image("linux", "amd64", singleLayers);
        older = layout.image("linux", "amd64", List.of(layout.layer(10_000)));
        SeededOciImages.Blob base = layout.layer(80_000);
        multi = layout.index(List.of(
                layout.image("linux", "amd64", List.of(base, layout.layer(50_000))),
                layout.image("linux", "arm64", List.of(base, layout.layer(60_000)))));
        layout.tag("single", single).tag("older", older).tag("multi", multi);
        layout.push("single", sourceRegistry, "team/app:build-1");
        layout.push("older", sourceRegistry, "team/app:build-0");
        layout.push("multi", sourceRegistry, "team/multi:build-1");
        layout.pushAsDockerV2("multi", sourceRegistry, "team/docker:build-1");
        configSize = configSize(layout, single);
        singleBlobBytes =
                singleLayers.stream().mapToLong(SeededOciImages.Blob::size).sum() + configSize;
    }

    private static long configSize(SeededOciImages layout, SeededOciImages.Blob manifest) {
        try {
            byte[] bytes = Files.readAllBytes(layout.path()
                    .resolve("blobs/sha256")
                    .resolve(manifest.digest().substring(7)));
            return Manifest.parse(bytes, null).blobs().get(0).size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    private byte[] rawFromTarget(String image) {
        return SeededOciImages.inspectRaw(targetRegistry, image, scratch);
    }

    @Test
    void retagInOneRepositoryPutsOnlyTheManifestInThreeRequests() throws Exception {
        ImageCopier copier = new ImageCopier(source, source, retry);
        CopyReport report = copier.promote(src("team/app@" + single.digest()), src("team/app:staging"));

        assertEquals(CopyReport.Mode.RETAG, report.mode());
        assertEquals(single.digest(), report.digest().value());
        assertNull(report.previousDigest());
        assertEquals(0, report.blobBytesUploaded());
        assertEquals(1, report.manifestsPut());
        assertEquals(3, report.requests(), () -> sourceProxy.requestsByPattern().toString());
        assertEquals(3, sourceProxy.requests());
        assertEquals(single.size(), sourceProxy.requestBodyBytes());
        assertEquals(1, sourceProxy.requests("PUT /v2/*/manifests/*"));
        assertEquals(
                single.digest(),
                SeededOciImages.sha256(SeededOciImages.inspectRaw(sourceRegistry, "team/app:staging", scratch)));

        sourceProxy.reset();
        CopyReport again = copier.promote(src("team/app@" + single.digest()), src("team/app:staging"));
        assertEquals(CopyReport.Mode.ALREADY_IN_PLACE, again.mode());
        assertEquals(single.digest(), again.previousDigest().value());
        assertEquals(1, sourceProxy.requests(), "one HEAD of the target tag");
    }

    @Test
    void crossRepositoryPromotionMountsEveryBlobAndUploadsNoBytes() throws Exception {
        CopyReport report = new ImageCopier(source, source, retry)
                .promote(src("team/app@" + single.digest()), src("qa/app:candidate"));

        assertEquals(CopyReport.Mode.MOUNT, report.mode());
        assertEquals(4, report.blobsMounted(), "config and three layers");
        assertEquals(0, report.blobsUploaded());
        assertEquals(0, report.blobBytesUploaded());
        assertEquals(4, sourceProxy.requests(UPLOAD_POST));
        assertEquals(0, sourceProxy.requests(UPLOAD_PUT));
        assertEquals(single.size(), sourceProxy.requestBodyBytes(), "only the manifest's bytes were sent");
        assertEquals(
                single.digest(),
                SeededOciImages.sha256(SeededOciImages.inspectRaw(sourceRegistry, "qa/app:candidate", scratch)));
    }

    @Test
    void anIndexMovedToAnotherRepositoryMountsAllBlobsAndReplacesTheOldTargetLast() throws Exception {
        ImageCopier copier = new ImageCopier(source, source, retry);
        copier.promote(src("team/app@" + older.digest()), src("qa/multi:candidate"));
        sourceProxy.reset();

        CopyReport report = copier.promote(src("team/multi@" + multi.digest()), src("qa/multi:candidate"));

        assertEquals(CopyReport.Mode.MOUNT, report.mode());
        assertEquals(older.digest(), report.previousDigest().value());
        assertEquals(5, report.blobsMounted());
        assertEquals(0, report.blobBytesUploaded());
        assertEquals(3, report.manifestsPut());
        assertEquals(0, sourceProxy.requests(UPLOAD_PUT));
        assertEquals(
                multi.digest(),
                SeededOciImages.sha256(SeededOciImages.inspectRaw(sourceRegistry, "qa/multi:candidate", scratch)));
        assertTrue(
                report.summary()
                        .startsWith(src("qa/multi:candidate") + " now points at " + multi.digest() + " (was "
                                + older.digest() + "): mount, 3 manifest(s) put, blobs 0 uploaded (0 bytes), 5"
                                + " mounted, 0 already there; "),
                report.summary());
    }

    @Test
    void aMountTheRegistryDeclinesFallsBackToStreamingThatBlobIntoTheUploadSessionItOpened() throws Exception {
        sourceProxy.inject(UPLOAD_POST, CountingProxy.Fault.STRIP_QUERY, 1);
        // One blob at a time, so that the declined mount is the first blob's (the config); in parallel, which blob
        // writes first is not defined.
        CopyReport report = new ImageCopier(source, source, retry, 1)
                .promote(src("team/app@" + single.digest()), src("declined/app:candidate"));

        assertEquals(3, report.blobsMounted());
        assertEquals(1, report.blobsUploaded(), "the config, the first blob");
        assertEquals(configSize, report.blobBytesUploaded());
        assertEquals(4, sourceProxy.requests(UPLOAD_POST), "no second POST for the declined mount");
        assertEquals(1, sourceProxy.requests(UPLOAD_PUT));
        assertEquals(
                single.digest(),
                SeededOciImages.sha256(SeededOciImages.inspectRaw(sourceRegistry, "declined/app:candidate", scratch)));
    }

    @Test
    void crossRegistryCopyStreamsEachMissingBlobOnceAndKeepsTheDigest() throws Exception {
        ImageCopier copier = new ImageCopier(source, target, retry);
        CopyReport report = copier.promote(src("team/app@" + single.digest()), dst("prod/app:live"));

        assertEquals(CopyReport.Mode.COPY, report.mode());
        assertEquals(4, report.blobsUploaded());
        assertEquals(singleBlobBytes, report.blobBytesUploaded());
        assertEquals(singleBlobBytes, targetProxy.requestBodyBytes(UPLOAD_PUT));
        assertEquals(4, sourceProxy.requests("GET /v2/*/blobs/*"));
        assertEquals(sourceProxy.requests() + targetProxy.requests(), report.requests());
        byte[] raw = rawFromTarget("prod/app:live");
        assertEquals(single.digest(), SeededOciImages.sha256(raw));

        sourceProxy.reset();
        targetProxy.reset();
        CopyReport second = copier.promote(src("team/app@" + single.digest()), dst("prod/app:also-live"));
        assertEquals(4, second.blobsSkipped());
        assertEquals(0, second.blobsUploaded());
        assertEquals(0, second.blobBytesUploaded());
        assertEquals(0, targetProxy.requestBodyBytes(UPLOAD_PUT));
        assertEquals(4, targetProxy.requests(UPLOAD_POST), "one mount from the target repository per blob, each found");
        assertEquals(0, targetProxy.requests("HEAD /v2/*/blobs/*"), "the mount's answer says the blob is there");
        assertEquals(0, sourceProxy.requests("GET /v2/*/blobs/*"));
        assertEquals(single.size(), targetProxy.requestBodyBytes(), "only the manifest's bytes were sent");
    }

    @Test
    void aMultiPlatformIndexIsCopiedChildrenFirstWithTheSameDigests() throws Exception {
        CopyReport report = new ImageCopier(source, target, retry)
                .promote(src("team/multi@" + multi.digest()), dst("prod/multi:live"));

        assertEquals(3, report.manifestsPut(), "two platform manifests, then the index under the tag");
        assertEquals(5, report.blobsUploaded(), "two configs, the shared base layer once, two own layers");
        byte[] raw = rawFromTarget("prod/multi:live");
        assertEquals(multi.digest(), SeededOciImages.sha256(raw));
        Manifest index = Manifest.parse(raw, null);
        assertTrue(index.isIndex());
        for (Manifest.Descriptor child : index.manifests()) {
            assertEquals(child.digest().value(), SeededOciImages.sha256(rawFromTarget("prod/multi@" + child.digest())));
        }
    }

    @Test
    void aDockerManifestListAndItsManifestsKeepTheirMediaTypesAndDigests() throws Exception {
        byte[] list = SeededOciImages.inspectRaw(sourceRegistry, "team/docker:build-1", scratch);
        Manifest sourceList = Manifest.parse(list, null);
        assertEquals(Manifest.DOCKER_LIST, sourceList.mediaType());

        CopyReport report = new ImageCopier(source, target, retry)
                .promote(src("team/docker@" + sourceList.digest()), dst("prod/docker:live"));

        assertEquals(3, report.manifestsPut());
        assertArrayEquals(list, rawFromTarget("prod/docker:live"));
        for (Manifest.Descriptor child : sourceList.manifests()) {
            Manifest copied = Manifest.parse(rawFromTarget("prod/docker@" + child.digest()), null);
            assertEquals(Manifest.DOCKER_MANIFEST, copied.mediaType());
            assertEquals(child.digest(), copied.digest());
        }
    }

    @Test
    void aConnectionResetInTheMiddleOfABlobUploadIsRetriedAndSucceeds() throws Exception {
        targetProxy.inject(UPLOAD_PUT, CountingProxy.Fault.RESET_REQUEST_BODY, 1);
        CopyReport report = new ImageCopier(source, target, retry)
                .promote(src("team/app@" + single.digest()), dst("reset/app:live"));

        assertEquals(1, report.retries());
        assertEquals(List.of(Duration.ofMillis(100)), sleeps);
        assertEquals(4, report.blobsUploaded());
        assertTrue(report.blobBytesUploaded() > singleBlobBytes, "the broken try's bytes count too");
        assertEquals(single.digest(), SeededOciImages.sha256(rawFromTarget("reset/app:live")));
    }

    @Test
    void aSourceThatResetsInTheMiddleOfABlobDownloadIsRetriedAndSucceeds() throws Exception {
        sourceProxy.inject("GET /v2/*/blobs/*", CountingProxy.Fault.RESET_RESPONSE_BODY, 1);
        CopyReport report = new ImageCopier(source, target, retry)
                .promote(src("team/app@" + single.digest()), dst("reset-source/app:live"));

        assertEquals(1, report.retries());
        assertEquals(single.digest(), SeededOciImages.sha256(rawFromTarget("reset-source/app:live")));
    }

    @Test
    void aServerErrorIsRetriedWithExponentialBackoff() throws Exception {
        targetProxy.inject("PUT /v2/*/manifests/*", CountingProxy.Fault.STATUS_500, 2);
        CopyReport report = new ImageCopier(source, target, retry)
                .promote(src("team/app@" + single.digest()), dst("flaky/app:live"));

        assertEquals(2, report.retries());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
        assertEquals(single.digest(), SeededOciImages.sha256(rawFromTarget("flaky/app:live")));
    }

    @Test
    void aRegistryThatAlwaysFailsGivesACleanErrorAndNoTag() {
        targetProxy.inject(UPLOAD_POST, CountingProxy.Fault.STATUS_500, Long.MAX_VALUE);
        RegistryAccessException e = assertThrows(
                RegistryAccessException.class,
                () -> new ImageCopier(source, target, retry)
                        .promote(src("team/app@" + single.digest()), dst("broken/app:live")));

        assertEquals(
                "Registry 'target' at " + targetProxy.host()
                        + " answered POST /v2/broken/app/blobs/uploads/ with HTTP 500 UNKNOWN (injected by the test"
                        + " proxy) (gave up after 4 attempts)",
                e.getMessage());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)), sleeps);
        assertEquals(0, targetProxy.requests("PUT /v2/*/manifests/*"));
        assertFalse(SeededOciImages.exists(targetRegistry, "broken/app:live", scratch));
    }

    @Test
    void aFailedPromotionLeavesTheTagOnTheOldDigest() throws Exception {
        ImageCopier copier = new ImageCopier(source, target, retry);
        copier.promote(src("team/app@" + older.digest()), dst("kept/app:live"));
        targetProxy.reset();
        targetProxy.inject(UPLOAD_PUT, CountingProxy.Fault.RESET_REQUEST_BODY, Long.MAX_VALUE);

        RegistryAccessException e = assertThrows(
                RegistryAccessException.class,
                () -> copier.promote(src("team/app@" + single.digest()), dst("kept/app:live")));
        assertTrue(e.getMessage().endsWith("(gave up after 4 attempts)"), e.getMessage());
        assertEquals(0, targetProxy.requests("PUT /v2/*/manifests/*"));
        assertEquals(older.digest(), SeededOciImages.sha256(rawFromTarget("kept/app:live")));
    }

    @Test
    void aMissingSourceDigestIsAClientErrorWithTheRegistrysCodeAndIsNotRetried() {
        String missing = "sha256:" + "0".repeat(64);
        RegistryAccessException e = assertThrows(
                RegistryAccessException.class,
                () -> new ImageCopier(source, target, retry).promote(src("team/app@" + missing), dst("x/app:live")));
        assertEquals(
                "Registry 'source' at " + sourceProxy.host() + " answered GET /v2/team/app/manifests/" + missing
                        + " with HTTP 404 MANIFEST_UNKNOWN (manifest unknown)",
                e.getMessage());
        assertTrue(sleeps.isEmpty());
        assertEquals(0, targetProxy.requests("PUT /v2/*/manifests/*"));
    }

    static Stream<Arguments> hostileInputs() {
        String d = "sha256:" + "ab".repeat(32);
        String h = "127.0.0.1:1";
        String digestRule = " is not an image digest: use 'sha256:' followed by 64 lower-case hex digits";
        String repositoryRule =
                ": use '/'-separated lower-case letters and digits, joined by '.', '_', '__' or '-', such as 'team/app'";
        String tagRule = " is not a valid tag: use at most 128 letters, digits, '_', '.' and '-', not starting with '.'"
                + " or '-'";
        String characters = " must be at most 512 printable ASCII characters without spaces";
        return Stream.of(
                Arguments.of(
                        "S/team/app:1.0",
                        "S/team/app:prod",
                        "Image 'S/team/app:1.0' is a tag; promoteDigest moves only digests (sha256:...)"),
                Arguments.of(
                        "S/team/app:latest",
                        "S/team/app:prod",
                        "Image 'S/team/app:latest' is a tag; promoteDigest moves only digests (sha256:...)"),
                Arguments.of(
                        "S/team/app",
                        "S/team/app:prod",
                        "Image 'S/team/app' needs a digest ('@sha256:…') or a tag (':1.4')"),
                Arguments.of(
                        "S/team/app:1.0@" + d,
                        "S/team/app:prod",
                        "Image 'S/team/app:1.0@" + d + "' names both the tag '1.0' and a digest; promoteDigest moves"
                                + " only digests (sha256:...): remove ':1.0'"),
                Arguments.of("S/team/app@sha256:abc", "S/team/app:prod", "Image digest 'sha256:abc'" + digestRule),
                Arguments.of(
                        "S/team/app@" + d.toUpperCase(java.util.Locale.ROOT).replace("SHA256", "sha256"),
                        "S/team/app:prod",
                        "Image digest 'sha256:" + "AB".repeat(32) + "'" + digestRule),
                Arguments.of(
                        "S/team/app@sha512:" + "ab".repeat(64),
                        "S/team/app:prod",
                        "Image digest 'sha512:" + "ab".repeat(64) + "'" + digestRule),
                Arguments.of("S/team/app@" + d + "0", "S/team/app:prod", "Image digest '" + d + "0'" + digestRule),
                Arguments.of("S/team/app@", "S/team/app:prod", "Image digest is required"),
                Arguments.of(
                        "S/team/../app@" + d,
                        "S/team/app:prod",
                        "Image repository 'team/../app' has a '..' component" + repositoryRule),
                Arguments.of(
                        "S/team/app@" + d,
                        "S/../../etc/passwd:prod",
                        "Image repository '../../etc/passwd' has a '..' component" + repositoryRule),
                Arguments.of(
                        "S/Team/App@" + d,
                        "S/team/app:prod",
                        "Image repository 'Team/App' has upper-case letters" + repositoryRule),
                Arguments.of(
                        "S/team//app@" + d,
                        "S/team/app:prod",
                        "Image repository 'team//app' has an empty component" + repositoryRule),
                Arguments.of(
                        "S/team/app/@" + d,
                        "S/team/app:prod",
                        "Image repository 'team/app/' has an empty component" + repositoryRule),
                Arguments.of("S/@" + d, "S/team/app:prod", "Image repository is required"),
                Arguments.of(
                        "S/-app@" + d,
                        "S/team/app:prod",
                        "Image repository '-app' has an invalid component '-app'" + repositoryRule),
                Arguments.of(
                        "S/te___am@" + d,
                        "S/team/app:prod",
                        "Image repository 'te___am' has an invalid component 'te___am'" + repositoryRule),
                Arguments.of(
                        "S/" + "a".repeat(250) + "@" + d,
                        "S/team/app:prod",
                        "Image 'S/" + "a".repeat(250) + "' is too long: host and repository are 266 characters, at"
                                + " most 255 are allowed"),
                Arguments.of(
                        "team/app@" + d,
                        "S/team/app:prod",
                        "Image 'team/app@" + d + "' does not start with a registry host: write"
                                + " host[:port]/repository, such as 'registry.example.com/team/app@sha256:…'"),
                Arguments.of(
                        "S/team/app@" + d,
                        "S/team/app@" + d,
                        "Image 'S/team/app@" + d + "' names a digest; the target of a promotion is a repository and"
                                + " tag, such as 'host/app:prod'"),
                Arguments.of("S/team/app@" + d, "S/team/app:.hidden", "Image tag '.hidden'" + tagRule),
                Arguments.of(
                        "S/team/app@" + d,
                        "S/team/app:" + "t".repeat(129),
                        "Image tag '" + "t".repeat(129) + "'" + tagRule),
                Arguments.of(
                        "S/team/app@" + d + " --all",
                        "S/team/app:prod",
                        "Image 'S/team/app@" + d + " --all'" + characters),
                Arguments.of(
                        "S/team/app\n@" + d, "S/team/app:prod", "Image 'S/team/app\\u000A@" + d + "'" + characters),
                Arguments.of("", "S/team/app:prod", "Image is required"),
                Arguments.of(
                        "S/team/app@" + d,
                        h + "/team/app:prod",
                        "Image '" + h + "/team/app:prod' is not on the target registry: Registry 'target' at T"),
                Arguments.of(
                        h + "/team/app@" + d,
                        "T/team/app:prod",
                        "Image '" + h + "/team/app@" + d + "' is not on the source registry: Registry 'source' at S"),
                Arguments.of(
                        "S/team/app@" + d,
                        "http://T/team/app:prod",
                        "Image 'http://T/team/app:prod' must not start with a scheme such as 'https://': write"
                                + " host[:port]/repository, such as 'registry.example.com/team/app@sha256:…'"),
                Arguments.of("S/team/app@" + d, "S/team/app:prod;rm", "Image tag 'prod;rm'" + tagRule));
    }

    @ParameterizedTest
    @MethodSource("hostileInputs")
    void hostileReferencesAreRefusedWithAnExactMessageBeforeAnyRequest(
            String sourceImage, String targetImage, String message) {
        String s = sourceProxy.host();
        String t = targetProxy.host();
        ImageCopier copier = new ImageCopier(source, target, retry);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> copier.promote(
                        sourceImage.replace("S/", s + "/").replace("T/", t + "/"),
                        targetImage.replace("S/", s + "/").replace("T/", t + "/")));
        assertEquals(
                message.replace("S/", s + "/")
                        .replace("T/", t + "/")
                        .replace("at T", "at " + t)
                        .replace("at S", "at " + s),
                e.getMessage());
        assertEquals(0, sourceProxy.requests() + targetProxy.requests());
    }

    @Test
    void theCopiedManifestIsByteForByteWhatSkopeoReadsFromTheSource() throws Exception {
        new ImageCopier(source, target, retry).promote(src("team/app@" + single.digest()), dst("bytes/app:live"));
        assertArrayEquals(
                SeededOciImages.inspectRaw(sourceRegistry, "team/app@" + single.digest(), scratch),
                rawFromTarget("bytes/app:live"));
    }
}
