package io.jenkins.plugins.environments.gitops;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.model.Deadline;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageForm;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.render.RenderedManifests;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.IsolatedProcess;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image forms of a GitOps target ({@link ImageForm}) against real bare repositories, with the real helm and
 * kubectl rendering the changed environment before the push, and {@code kubectl kustomize} as the oracle for what
 * {@code kustomize edit set image} would leave.
 */
class GitOpsImageFormsTest {

    static final String OLD = "sha256:" + "a".repeat(64);
    static final String NEW = "sha256:" + "b".repeat(64);
    static final String WEB = "registry.example.com/shop/web";
    static final String API = "registry.example.com:5000/shop/api";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private static final GitIdentity JENKINS = new GitIdentity("Jenkins", "jenkins@example.com");

    /** Production values as teams write them: comments, an anchor and its alias, quotes, blank lines. */
    static final String VALUES = """
            # Production values of the shop (owned by the platform team).
            common: &common
              team: shop
              tier: prod   # read by the labels

            replicaCount: 3
            image:
              repository: registry.example.com/shop/web   # the app's repository
              # written by promoteDigest
              digest: %s   # do not edit by hand
              tag: "1.4.2"
              pullPolicy: 'IfNotPresent'
            labels: *common
            """.formatted(OLD);

    /** Values of a chart that takes the whole reference in one key. */
    static final String IMAGE_VALUES = """
            # one value for the whole reference
            defaults: &defaults {cpu: 100m}
            image: registry.example.com/shop/web:1.4.2    # promoted by Jenkins
            resources: *defaults
            """;

    /** A chart that joins repository and digest. */
    private static final String DIGEST_TEMPLATE =
            deployment("{{ .Values.image.repository }}@{{ .Values.image.digest }}");

    /** A chart that takes the whole reference. */
    private static final String IMAGE_TEMPLATE = deployment("{{ .Values.image }}");

    /** A chart that joins repository and tag, as most charts do. */
    private static final String TAG_TEMPLATE = deployment("{{ .Values.image.repository }}:{{ .Values.image.tag }}");

    /** A kustomization with several images entries, as overlays have them. */
    static final String KUSTOMIZATION = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            # production overlay
            resources:
              - ../../base
            images:
              # the web front end, renamed from the base's placeholder
              - name: app
                newName: registry.example.com/shop/web
                newTag: "1.4.2"   # set by hand last release
              - name: registry.example.com:5000/shop/api
                newTag: "2.0"
              - name: nginx
                digest: %s
            """.formatted(OLD);

    static final String BASE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop
            spec:
              selector:
                matchLabels: {app: shop}
              template:
                metadata:
                  labels: {app: shop}
                spec:
                  initContainers:
                    - name: migrate
                      image: registry.example.com:5000/shop/api:1.0
                  containers:
                    - name: web
                      image: app
                    - name: api
                      image: registry.example.com:5000/shop/api:1.0
                    - name: proxy
                      image: nginx:1.27
            """;

    private static KubernetesCli cli;

    @TempDir
    Path temporaryParent;

    @TempDir
    Path home;

    private BareGitRepository remote;
    private String url;
    private LocalRenderSite site;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    static void tools() {
        cli = KubernetesCli.create();
    }

    @AfterAll
    static void closeTools() {
        cli.close();
    }

    @BeforeEach
    void createRemote() throws IOException {
        Map<String, String> files = new HashMap<>();
        String table = "image:\n  repository: registry.example.com/shop/web\n  tag: latest\n";
        chart(files, "charts/digest", DIGEST_TEMPLATE, table);
        chart(files, "charts/image", IMAGE_TEMPLATE, "image: registry.example.com/shop/web:latest\n");
        chart(files, "charts/tag", TAG_TEMPLATE, table);
        files.put("envs/prod/values.yaml", VALUES);
        files.put("envs/image/values.yaml", IMAGE_VALUES);
        files.put("base/deployment.yaml", BASE);
        files.put("base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        files.put("overlays/prod/kustomization.yaml", KUSTOMIZATION);
        remote = BareGitRepository.create(files);
        url = remote.uri().toString();
        Path renders = Files.createDirectories(temporaryParent.resolve("renders"));
        site = new LocalRenderSite(
                renders,
                new ProcessCommandRunner(),
                environment(),
                cli.helm().toString(),
                cli.kubectl().toString());
    }

    @AfterEach
    void deleteRemote() {
        remote.close();
    }

    private Map<String, String> environment() {
        return Map.of(
                "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(),
                "KUBECACHEDIR", home.resolve("kube").toString(),
                "KUBECONFIG", home.resolve("kubeconfig").toString());
    }

    private static String deployment(String image) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}
                spec:
                  selector:
                    matchLabels: {app: {{ .Release.Name }}}
                  template:
                    metadata:
                      labels: {app: {{ .Release.Name }}}
                    spec:
                      containers:
                        - name: web
                          image: "%s"
                        - name: proxy
                          image: nginx:1.27
                """.formatted(image);
    }

    private static void chart(Map<String, String> files, String folder, String template, String values) {
        files.put(folder + "/Chart.yaml", "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        files.put(folder + "/values.yaml", values);
        files.put(folder + "/templates/deployment.yaml", template);
    }

    private GitOpsTarget target(String file, String key, ImageForm form, String renderPath, boolean tagAcceptsDigest) {
        return new GitOpsTarget(url, null, null, file, key, form, renderPath, tagAcceptsDigest);
    }

    private static GitOpsRequest request(String repository, String digest) {
        return new GitOpsRequest(
                "shop", digest, "staging", "prod", null, List.of(), null, JENKINS, JENKINS, repository);
    }

    private GitOpsResult promote(GitOpsTarget target, GitOpsRequest request) {
        try (GitAccess access = new GitAccess(url, new GitCredential.Anonymous(), null)) {
            return new GitOpsPromotion(CLOCK, temporaryParent)
                    .promote(target, access, request, site, log::add, Deadline.none());
        }
    }

    private GitOpsException refused(GitOpsTarget target, GitOpsRequest request) {
        String before = remote.mainCommitId();
        GitOpsException e = assertThrows(GitOpsException.class, () -> promote(target, request));
        assertEquals(before, remote.mainCommitId(), "nothing was pushed");
        return e;
    }

    private String file(String path) {
        return remote.readFile(path).orElseThrow();
    }

    /** Byte-exact: the pushed file is the expected text, byte for byte. */
    private void assertFileBytes(String expected, String path) {
        assertArrayEquals(
                expected.getBytes(StandardCharsets.UTF_8),
                file(path).getBytes(StandardCharsets.UTF_8),
                () -> "pushed " + path + ":\n" + file(path));
    }

    private String git(String... arguments) {
        IsolatedProcess.Result result = remote.git(arguments);
        assertEquals(0, result.exitCode(), result::output);
        return result.stdout();
    }

    /** The images {@code kubectl kustomize} renders for an overlay text over {@link #BASE}, in document order. */
    private List<String> kustomizeImages(String overlay) throws IOException {
        Path root = Files.createTempDirectory(temporaryParent, "oracle-");
        Files.createDirectories(root.resolve("base"));
        Files.createDirectories(root.resolve("overlays/prod"));
        Files.writeString(root.resolve("base/deployment.yaml"), BASE);
        Files.writeString(root.resolve("base/kustomization.yaml"), "resources:\n  - deployment.yaml\n");
        Files.writeString(root.resolve("overlays/prod/kustomization.yaml"), overlay);
        IsolatedProcess.Result result = cli.run(List.of(cli.kubectl().toString(), "kustomize", "overlays/prod"), root);
        assertEquals(0, result.exitCode(), result::output);
        return io.jenkins.plugins.environments.render.ImagePinning.containers(
                        new RenderedManifests(RenderedManifests.parse(result.stdout(), "oracle")))
                .stream()
                .map(c -> c.container() + "=" + c.image())
                .toList();
    }

    /**
     * The overlay as {@code kustomize edit set image} writes it back: its own layout, fields in the order name,
     * newName, newTag, digest, no comments.
     */
    private static String byKustomize(String... entries) {
        return "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../base\nimages:\n"
                + String.join("\n", entries) + "\n";
    }

    // --- digest: a repository + digest key pair (today's behaviour) ---

    @Test
    void digestFormChangesOnlyTheDigestBytesAndRendersTheChartBeforeThePush() {
        GitOpsResult result = promote(
                target("envs/prod/values.yaml", null, ImageForm.DIGEST, "charts/digest", false), request(WEB, NEW));

        assertFileBytes(VALUES.replace("digest: " + OLD + "   #", "digest: " + NEW + "   #"), "envs/prod/values.yaml");
        assertAll(
                () -> assertTrue(result.changed()),
                () -> assertEquals(OLD, result.previousValue()),
                () -> assertEquals(
                        List.of("Rendered the chart 'charts/digest' after the edit: 1 container(s) of " + WEB + " run "
                                + NEW),
                        log),
                () -> assertEquals("1\t1\tenvs/prod/values.yaml\n", git("diff", "--numstat", "main~1", "main")));
    }

    @Test
    void digestFormWithoutARenderPathNeedsNoSiteAsBefore() {
        GitOpsTarget target = target("envs/prod/values.yaml", null, null, null, false);
        try (GitAccess access = new GitAccess(url, new GitCredential.Anonymous(), null)) {
            GitOpsResult result = new GitOpsPromotion(CLOCK, temporaryParent)
                    .promote(target, access, request(null, NEW), null, log::add, Deadline.none());
            assertTrue(result.changed());
        }
        assertAll(
                () -> assertEquals(ImageForm.DIGEST, target.imageForm()),
                () -> assertEquals("image.digest", target.digestKey()),
                () -> assertFalse(target.renders()),
                () -> assertEquals(List.of(), log, "no render without a chart"));
    }

    @Test
    void aDigestAlreadyInPlaceIsNoCommitAndNoRender() {
        String before = remote.mainCommitId();
        GitOpsResult result = promote(
                target("envs/prod/values.yaml", null, ImageForm.DIGEST, "charts/digest", false), request(WEB, OLD));
        assertAll(
                () -> assertFalse(result.changed()),
                () -> assertEquals(before, remote.mainCommitId()),
                () -> assertEquals(List.of(), log));
    }

    @Test
    void aTargetThatRendersIsRefusedWithoutASite() {
        GitOpsTarget target = target("envs/prod/values.yaml", null, ImageForm.DIGEST, "charts/digest", false);
        String before = remote.mainCommitId();
        GitOpsException e;
        try (GitAccess access = new GitAccess(url, new GitCredential.Anonymous(), null)) {
            e = assertThrows(
                    GitOpsException.class,
                    () -> new GitOpsPromotion(CLOCK, temporaryParent)
                            .promote(target, access, request(WEB, NEW), null, log::add, Deadline.none()));
        }
        assertEquals(
                "The GitOps target renders 'charts/digest' after the edit to check the image, with helm or kubectl"
                        + " on the build's agent: call promoteDigest inside node",
                e.getMessage());
        assertEquals(before, remote.mainCommitId());
    }

    @Test
    void renderCheckRefusesWhenTheChartIgnoresTheKeyItWasToldToWrite() {
        // The chart joins repository and tag; writing image.digest leaves the containers on the tag.
        GitOpsException e = refused(
                target("envs/prod/values.yaml", null, ImageForm.DIGEST, "charts/tag", false), request(WEB, NEW));
        assertEquals(
                "After the edit the chart 'charts/tag' does not run " + WEB + "@" + NEW + ", nothing was pushed:"
                        + " Deployment shop container web runs " + WEB + ":1.4.2. Check that the image form and key"
                        + " are the ones the chart or overlay reads",
                e.getMessage());
    }

    @Test
    void renderCheckRefusesWhenNoContainerUsesTheRepositoryAndShowsWhatWasRendered() {
        GitOpsException e = refused(
                target("envs/prod/values.yaml", null, ImageForm.DIGEST, "charts/digest", false),
                request("registry.example.com/shop/other", NEW));
        assertEquals(
                "After the edit the chart 'charts/digest' runs no container of registry.example.com/shop/other,"
                        + " nothing was pushed; rendered image(s): " + WEB + "@" + NEW + ", nginx:1.27",
                e.getMessage());
    }

    @Test
    void aChartThatFailsToRenderIsRefused() {
        remote.commit("break the chart", Map.of("charts/digest/templates/broken.yaml", "{{ .Values.nope.deeper }}\n"));
        GitOpsException e = refused(
                target("envs/prod/values.yaml", null, ImageForm.DIGEST, "charts/digest", false), request(WEB, NEW));
        assertTrue(
                e.getMessage()
                        .startsWith("Rendering the chart 'charts/digest' after the edit failed, nothing was pushed:"
                                + " helm template failed with exit code 1: "),
                e.getMessage());
    }

    @Test
    void theRenderFolderIsDeletedAfterTheCheck() throws IOException {
        promote(target("envs/prod/values.yaml", null, ImageForm.DIGEST, "charts/digest", false), request(WEB, NEW));
        try (Stream<Path> left = Files.list(temporaryParent.resolve("renders"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    // --- image: one value receives repository@digest ---

    @Test
    void imageFormWritesTheWholeReferenceIntoOneValue() {
        GitOpsResult result = promote(
                target("envs/image/values.yaml", null, ImageForm.IMAGE, "charts/image", false), request(WEB, NEW));

        assertFileBytes(
                IMAGE_VALUES.replace("image: " + WEB + ":1.4.2    #", "image: " + WEB + "@" + NEW + "    #"),
                "envs/image/values.yaml");
        assertAll(
                () -> assertEquals(WEB + ":1.4.2", result.previousValue()),
                () -> assertTrue(
                        result.summary().startsWith("set image in envs/image/values.yaml to " + WEB + "@" + NEW)),
                () -> assertTrue(git("log", "-1", "--format=%B", "main")
                        .contains("Sets image in envs/image/values.yaml, which was '" + WEB + ":1.4.2'.")));
    }

    @Test
    void imageFormAtTheDigestAlreadyIsNoCommit() {
        promote(target("envs/image/values.yaml", null, ImageForm.IMAGE, "charts/image", false), request(WEB, NEW));
        String after = remote.mainCommitId();
        GitOpsResult again = promote(
                target("envs/image/values.yaml", null, ImageForm.IMAGE, "charts/image", false), request(WEB, NEW));
        assertAll(() -> assertFalse(again.changed()), () -> assertEquals(after, remote.mainCommitId()));
    }

    // --- tag: only where the chart is known to accept tag@digest ---

    @Test
    void tagFormIsRefusedUnlessTheTargetSaysTheChartAcceptsIt() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> target("envs/prod/values.yaml", null, ImageForm.TAG, "charts/tag", false));
        assertEquals("imageForm", e.field());
        assertEquals(
                "Image form 'tag' writes '<tag>@sha256:…' into 'image.tag', which most charts turn into an invalid"
                        + " 'repository:<tag>@sha256:…' or ignore: tick tagAcceptsDigest only for a chart known to"
                        + " accept it, or use image form 'digest' or 'image'",
                e.getMessage());
    }

    @Test
    void tagAcceptsDigestIsRefusedForTheOtherForms() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> target("envs/prod/values.yaml", null, ImageForm.DIGEST, null, true));
        assertEquals("tagAcceptsDigest", e.field());
        assertEquals("tagAcceptsDigest applies to image form 'tag' only, not digest", e.getMessage());
    }

    @Test
    void tagFormOptedInKeepsTheTagAndAddsTheDigest() {
        promote(target("envs/prod/values.yaml", null, ImageForm.TAG, "charts/tag", true), request(WEB, NEW));

        assertFileBytes(VALUES.replace("tag: \"1.4.2\"", "tag: \"1.4.2@" + NEW + "\""), "envs/prod/values.yaml");
        assertEquals(
                List.of("Rendered the chart 'charts/tag' after the edit: 1 container(s) of " + WEB + " run " + NEW),
                log);
    }

    @Test
    void tagFormReplacesAnEarlierDigestBehindTheTag() {
        remote.commit("pinned", Map.of("envs/prod/values.yaml", VALUES.replace("\"1.4.2\"", "\"1.4.2@" + OLD + "\"")));
        promote(target("envs/prod/values.yaml", null, ImageForm.TAG, "charts/tag", true), request(WEB, NEW));
        assertFileBytes(VALUES.replace("tag: \"1.4.2\"", "tag: \"1.4.2@" + NEW + "\""), "envs/prod/values.yaml");
    }

    @Test
    void tagFormRefusesAnEmptyTag() {
        remote.commit("no tag", Map.of("envs/prod/values.yaml", VALUES.replace("tag: \"1.4.2\"", "tag: \"\"")));
        GitOpsException e =
                refused(target("envs/prod/values.yaml", null, ImageForm.TAG, "charts/tag", true), request(WEB, NEW));
        assertEquals(
                "Key 'image.tag' in envs/prod/values.yaml holds no tag: image form 'tag' keeps the tag and adds '@"
                        + NEW + "'; write the tag first",
                e.getMessage());
    }

    // --- kustomize: images entries by name ---

    private GitOpsTarget overlay(String name) {
        return target("overlays/prod/kustomization.yaml", name, ImageForm.KUSTOMIZE, null, false);
    }

    @Test
    void kustomizeTargetRendersItsOverlayFolderByDefault() {
        GitOpsTarget target = overlay("app");
        assertAll(
                () -> assertEquals("overlays/prod", target.renderPath()),
                () -> assertTrue(target.renders()),
                () -> assertEquals("app", target.digestKey()));
    }

    @Test
    void kustomizeEntryWithNewNameAndNewTagGetsADigestAndLosesItsTag() throws IOException {
        GitOpsResult result = promote(overlay("app"), request(WEB, NEW));

        String expected = KUSTOMIZATION.replace(
                "    newTag: \"1.4.2\"   # set by hand last release\n", "    digest: " + NEW + "\n");
        assertFileBytes(expected, "overlays/prod/kustomization.yaml");
        // What 'kustomize edit set image app=registry.example.com/shop/web@sha256:…' writes, by its documentation.
        String byKustomize = byKustomize(
                "- name: app\n  newName: " + WEB + "\n  digest: " + NEW,
                "- name: " + API + "\n  newTag: \"2.0\"",
                "- name: nginx\n  digest: " + OLD);
        assertEquals(kustomizeImages(byKustomize), kustomizeImages(file("overlays/prod/kustomization.yaml")));
        assertNotEquals(kustomizeImages(KUSTOMIZATION), kustomizeImages(byKustomize), "the oracle tells them apart");
        assertAll(
                () -> assertEquals(WEB + ":1.4.2", result.previousValue()),
                () -> assertTrue(git("log", "-1", "--format=%B", "main")
                        .contains("Sets images entry 'app' in overlays/prod/kustomization.yaml, which was '" + WEB
                                + ":1.4.2'.")),
                () -> assertEquals(
                        List.of("Rendered the overlay 'overlays/prod' after the edit: 1 container(s) of " + WEB
                                + " run " + NEW),
                        log));
    }

    @Test
    void kustomizeEntryNamedWithRegistryHostAndPortIsFoundByName() throws IOException {
        promote(overlay(API), request(API, NEW));

        String expected = KUSTOMIZATION.replace("    newTag: \"2.0\"\n", "    digest: " + NEW + "\n");
        assertFileBytes(expected, "overlays/prod/kustomization.yaml");
        String byKustomize = byKustomize(
                "- name: app\n  newName: " + WEB + "\n  newTag: \"1.4.2\"",
                "- name: " + API + "\n  newName: " + API + "\n  digest: " + NEW,
                "- name: nginx\n  digest: " + OLD);
        assertEquals(kustomizeImages(byKustomize), kustomizeImages(file("overlays/prod/kustomization.yaml")));
        assertEquals(
                List.of("Rendered the overlay 'overlays/prod' after the edit: 2 container(s) of " + API + " run "
                        + NEW),
                log,
                "the init container counts too");
    }

    @Test
    void kustomizeEntryNameDefaultsToTheRepository() {
        promote(overlay(null), request(API, NEW));
        assertFileBytes(
                KUSTOMIZATION.replace("    newTag: \"2.0\"\n", "    digest: " + NEW + "\n"),
                "overlays/prod/kustomization.yaml");
    }

    @Test
    void kustomizeEntryWithADigestAlreadyHasOnlyItsValueReplaced() throws IOException {
        promote(overlay("nginx"), request("registry.example.com/library/nginx", NEW));
        // nginx is not the repository: kustomize edit set image nginx=<repository>@<digest> adds newName too.
        String expected = KUSTOMIZATION.replace(
                "  - name: nginx\n    digest: " + OLD + "\n",
                "  - name: nginx\n    digest: " + NEW + "\n    newName: registry.example.com/library/nginx\n");
        assertFileBytes(expected, "overlays/prod/kustomization.yaml");
        String byKustomize = byKustomize(
                "- name: app\n  newName: " + WEB + "\n  newTag: \"1.4.2\"",
                "- name: " + API + "\n  newTag: \"2.0\"",
                "- name: nginx\n  newName: registry.example.com/library/nginx\n  digest: " + NEW);
        assertEquals(kustomizeImages(byKustomize), kustomizeImages(file("overlays/prod/kustomization.yaml")));
    }

    @Test
    void kustomizeDigestReplacedInPlaceWhenTheNameIsTheRepository() {
        String overlayText = KUSTOMIZATION.replace("    newTag: \"2.0\"\n", "    digest: '" + OLD + "'  # pinned\n");
        remote.commit("pinned api", Map.of("overlays/prod/kustomization.yaml", overlayText));
        promote(overlay(API), request(API, NEW));
        assertFileBytes(
                overlayText.replace("digest: '" + OLD + "'  #", "digest: '" + NEW + "'  #"),
                "overlays/prod/kustomization.yaml");
        assertEquals("1\t1\toverlays/prod/kustomization.yaml\n", git("diff", "--numstat", "main~1", "main"));
    }

    @Test
    void kustomizeEntryAtTheDigestAlreadyIsNoCommit() {
        promote(overlay("app"), request(WEB, NEW));
        String after = remote.mainCommitId();
        log.clear();
        GitOpsResult again = promote(overlay("app"), request(WEB, NEW));
        assertAll(
                () -> assertFalse(again.changed()),
                () -> assertEquals("already at " + NEW, again.summary()),
                () -> assertEquals(WEB + "@" + NEW, again.previousValue()),
                () -> assertEquals(after, remote.mainCommitId()),
                () -> assertEquals(List.of(), log));
    }

    @Test
    void kustomizeEntryNotFoundListsTheNamesPresent() {
        GitOpsException e = refused(overlay("registry.example.com/shop/cart"), request(WEB, NEW));
        assertEquals(
                "No images entry with name 'registry.example.com/shop/cart' in overlays/prod/kustomization.yaml;"
                        + " names present: app, " + API + ", nginx",
                e.getMessage());
    }

    @Test
    void kustomizationWithoutAnImagesListIsRefusedWithTheEntryToAdd() {
        remote.commit("no images", Map.of("overlays/prod/kustomization.yaml", "resources:\n  - ../../base\n"));
        GitOpsException e = refused(overlay("app"), request(WEB, NEW));
        assertEquals(
                "overlays/prod/kustomization.yaml has no 'images:' list: add an entry '- name: app'", e.getMessage());
    }

    @Test
    void kustomizeKeptNewNameThatIsNotTheRepositoryIsCaughtByTheRender() {
        String mirrored =
                KUSTOMIZATION.replace("newName: registry.example.com/shop/web", "newName: mirror.example.com/shop/web");
        remote.commit("mirror", Map.of("overlays/prod/kustomization.yaml", mirrored));
        GitOpsException e = refused(overlay("app"), request(WEB, NEW));
        assertEquals(
                "After the edit the overlay 'overlays/prod' runs no container of " + WEB + ", nothing was pushed;"
                        + " rendered image(s): " + API + ":2.0, mirror.example.com/shop/web@" + NEW + ", nginx@" + OLD,
                e.getMessage());
    }

    @Test
    void kustomizeNewTagOnTheDashLineMovesTheNextKeyUp() throws IOException {
        String overlayText = KUSTOMIZATION.replace(
                "  - name: " + API + "\n    newTag: \"2.0\"\n", "  - newTag: \"2.0\"\n    name: " + API + "\n");
        remote.commit("dash", Map.of("overlays/prod/kustomization.yaml", overlayText));
        promote(overlay(API), request(API, NEW));
        assertFileBytes(
                KUSTOMIZATION.replace(
                        "  - name: " + API + "\n    newTag: \"2.0\"\n",
                        "  - name: " + API + "\n    digest: " + NEW + "\n"),
                "overlays/prod/kustomization.yaml");
    }

    @Test
    void kustomizeWithCrlfAndNoFinalLineBreakKeepsBoth() {
        String crlf = KUSTOMIZATION.replace("\n", "\r\n").stripTrailing();
        remote.commit("crlf", Map.of("overlays/prod/kustomization.yaml", crlf));
        promote(overlay("nginx"), request("registry.example.com/library/nginx", NEW));
        assertFileBytes(
                crlf.replace("digest: " + OLD, "digest: " + NEW)
                        + "\r\n    newName: registry.example.com/library/nginx",
                "overlays/prod/kustomization.yaml");
    }

    @Test
    void kustomizeEntryInFlowStyleIsRefused() {
        remote.commit(
                "flow",
                Map.of(
                        "overlays/prod/kustomization.yaml",
                        "resources: [../../base]\nimages:\n  - {name: app, newName: " + WEB + ", newTag: '1'}\n"));
        GitOpsException e = refused(overlay("app"), request(WEB, NEW));
        assertEquals(
                "The images entry 'app' in overlays/prod/kustomization.yaml is written in flow style {…}: write it as"
                        + " a block mapping, one key per line, to let it be edited",
                e.getMessage());
    }

    @Test
    void kustomizeEntryNamedTwiceIsAmbiguous() {
        remote.commit(
                "twice",
                Map.of("overlays/prod/kustomization.yaml", KUSTOMIZATION + "  - name: app\n    newTag: \"9\"\n"));
        GitOpsException e = refused(overlay("app"), request(WEB, NEW));
        assertEquals(
                "The images entry 'app' in overlays/prod/kustomization.yaml is ambiguous: 2 entries have that name",
                e.getMessage());
    }

    @Test
    void kustomizeImageNameIsCheckedInTheModel() {
        InvalidConfigurationException e =
                assertThrows(InvalidConfigurationException.class, () -> overlay(WEB + "@" + OLD));
        assertEquals("digestKey", e.field());
        assertNull(overlay(" ").digestKey(), "blank means the promoted repository");
    }
}
