package io.jenkins.plugins.environments.promotion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.App;
import io.jenkins.plugins.environments.model.AppTarget;
import io.jenkins.plugins.environments.model.Cluster;
import io.jenkins.plugins.environments.model.Environment;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.model.Tier;
import io.jenkins.plugins.environments.preview.PreviewTools;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import io.jenkins.plugins.environments.render.CommandRunner;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.testing.BareGitRepository;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.JGitIsolation;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule: bad input gets a clear error and changes nothing. Each row is a hostile or mistaken {@code promoteDigest}
 * argument; each must fail with exactly the message shown, send nothing to the target registry, push nothing to the
 * GitOps repository and record nothing in the ledger.
 */
class PromotionHostileInputsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    static Path dir;

    private static DockerRegistry source;
    private static String digest;
    private static BareGitRepository gitops;
    private static Ledger ledger;
    private static Promoter promoter;
    private static final List<RegistrySession> targetSessions = new ArrayList<>();
    private static final List<List<String>> processes = new ArrayList<>();

    /** What the deploy strategy renders with: the test's folder as workspace, a runner that only records. */
    private static DeployInputs deploy(
            String chart, String manifests, List<String> values, Map<String, String> set, String timeout) {
        CommandRunner recording = (command, environment, workingDirectory, timeout1) -> {
            processes.add(command);
            return new CommandRunner.Result(1, "", "not run");
        };
        PreviewTools tools = new PreviewTools(recording, new LocalWorkspace(dir), Map.of());
        return new DeployInputs(chart, null, manifests, values, set, null, null, false, timeout, tools);
    }

    /** Deploy inputs with {@code setString} and {@code setFile} entries. */
    private static DeployInputs deploy(Map<String, String> setString, Map<String, String> setFile) {
        DeployInputs plain = deploy("chart", null, null, null, null);
        return new DeployInputs(
                "chart", null, null, null, null, setString, setFile, null, null, false, null, plain.tools());
    }

    @BeforeAll
    static void start() throws Exception {
        JGitIsolation.install();
        source = DockerRegistry.start();
        digest = RegistryImages.push(source, "team/shop", "build-1", "one");
        gitops = BareGitRepository.create(Map.of("prod/values.yaml", "image:\n  digest: none\n"));
        ledger = Ledger.open(dir.resolve("ledger.jsonl"), CLOCK);
        ledger.append(
                LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "staging").digest(digest));
        Registry builds = new Registry("builds", source.host(), null, true, false);
        Registry releases = new Registry("releases", "127.0.0.1:9", null, true, false);
        Gates gates = new Gates(0, List.of(), true, false, null, null, null, false);
        Environment staging = new Environment(
                "staging", Tier.STAGING, "eu", null, null, null, null, null, null, gates, List.of("shop/**"), null);
        Environment prod = new Environment(
                "prod",
                Tier.PROD,
                "eu",
                null,
                null,
                null,
                "staging",
                null,
                null,
                gates,
                List.of("shop/**"),
                new GitOpsTarget(gitops.uri().toString(), null, null, "prod/values.yaml", null));
        EnvironmentsConfiguration configuration = new EnvironmentsConfiguration(
                List.of(new Cluster("eu", "https://k8s.example.com:6443", "k8s", null, false, 0)),
                List.of(builds, releases),
                List.of(staging, prod),
                null,
                List.of(new App(
                        "shop",
                        source.host() + "/team/shop",
                        List.of("shop/**", "ops/**"),
                        List.of(
                                new AppTarget("staging", null, null, null, null, null),
                                new AppTarget("prod", "127.0.0.1:9/rel/shop", null, null, null, null)))));
        PromotionPorts ports = FixturePorts.anonymous().withRegistries(registry -> {
            RegistrySession session = FixturePorts.anonymousSession(registry);
            if (registry.id().equals("releases")) {
                targetSessions.add(session);
            }
            return session;
        });
        promoter = new Promoter(
                configuration,
                ports,
                ledger,
                CLOCK,
                new GitOpsPromotion(CLOCK, dir),
                new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1), d -> {}));
    }

    @AfterAll
    static void stop() {
        gitops.close();
        source.close();
    }

    private static Arguments row(String name, UnaryOperator<PromotionRequest.Builder> change, String message) {
        return Arguments.of(Named.of(name, change), message);
    }

    static Stream<Arguments> hostileInputs() {
        String host = "{registry}";
        return Stream.of(
                // digests
                row(
                        "a tag instead of a digest",
                        b -> b.digest("1.4.2"),
                        "digest '1.4.2' looks like a tag; promoteDigest moves only digests (sha256:…), because a tag can point elsewhere tomorrow"),
                row(
                        "latest",
                        b -> b.digest("latest"),
                        "digest 'latest' looks like a tag; promoteDigest moves only digests (sha256:…), because a tag can point elsewhere tomorrow"),
                row(
                        "a short digest",
                        b -> b.digest("sha256:abc"),
                        "Digest 'sha256:abc' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                row(
                        "an upper-case digest",
                        b -> b.digest("sha256:" + "AB".repeat(32)),
                        "Digest 'sha256:ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                row(
                        "an md5 digest",
                        b -> b.digest("md5:" + "ab".repeat(16)),
                        "Digest 'md5:abababababababababababababababab' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                row(
                        "a sha512 digest",
                        b -> b.digest("sha512:" + "ab".repeat(64)),
                        "Digest 'sha512:abababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababababab' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                row("no digest", b -> b.digest(null), "Digest is required"),
                row(
                        "a digest with a line break",
                        b -> b.digest("sha256:" + "ab".repeat(32) + "\n"),
                        "Digest 'sha256:abababababababababababababababababababababababababababababababab\\u000A' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                row(
                        "a whole reference as digest",
                        b -> b.digest("r.example.com/a@sha256:" + "ab".repeat(32)),
                        "Digest 'r.example.com/a@sha256:abababababababababababababababababababababababababababababababab' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                row(
                        "a digest with a command",
                        b -> b.digest("sha256:$(reboot)"),
                        "Digest 'sha256:$(reboot)' is not an image digest: use 'sha256:' followed by 64 lower-case hex digits"),
                row(
                        "a digest on a rollback",
                        b -> b.rollback(true),
                        "A rollback takes no digest: it promotes the digest prod ran before the current one"),
                // the step's timeout, which bounds every registry request: checked before the first one
                row(
                        "a timeout without a unit",
                        b -> b.timeout("10"),
                        "Timeout '10' has a number without a unit: use a number with a unit s, m, h or d, such as '30s', '5m', '72h', '7d' or '1h30m', or ISO-8601 such as 'PT5M'"),
                row("a zero timeout", b -> b.timeout("0s"), "Timeout '0s' must be longer than zero"),
                // images and targets: fixed by the app's configuration
                row(
                        "image with a tag",
                        b -> b.image(host + "/team/shop:1.0"),
                        "image '{registry}/team/shop:1.0' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "image with a digest",
                        b -> b.image(host + "/team/shop@sha256:" + "ab".repeat(32)),
                        "image '{registry}/team/shop@sha256:abababababababababababababababababababababababababababababababab' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "image with ..",
                        b -> b.image(host + "/team/../shop"),
                        "image '{registry}/team/../shop' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "image upper case",
                        b -> b.image(host + "/Team/shop"),
                        "image '{registry}/Team/shop' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "a Docker Hub short name needs Docker Hub configured",
                        b -> b.image("shop"),
                        "image 'shop' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "image of another team",
                        b -> b.image(host + "/team/billing"),
                        "image '{registry}/team/billing' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "image on an unconfigured registry",
                        b -> b.image("ghcr.io/team/shop"),
                        "image 'ghcr.io/team/shop' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "image with a newline",
                        b -> b.image(host + "/team/shop\n"),
                        "image '{registry}/team/shop\\u000A' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "image with unicode",
                        b -> b.image(host + "/team/shöp"),
                        "image '{registry}/team/shöp' is refused: the configuration of app 'shop' fixes its image as '{registry}/team/shop'; remove image from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target image with ..",
                        b -> b.targetImage("127.0.0.1:9/../x"),
                        "targetImage '127.0.0.1:9/../x' is refused: the configuration of app 'shop' fixes its target repository in 'prod' as '127.0.0.1:9/rel/shop'; remove targetImage from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target image with a tag",
                        b -> b.targetImage("127.0.0.1:9/rel/shop:prod"),
                        "targetImage '127.0.0.1:9/rel/shop:prod' is refused: the configuration of app 'shop' fixes its target repository in 'prod' as '127.0.0.1:9/rel/shop'; remove targetImage from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target image of another team",
                        b -> b.targetImage("127.0.0.1:9/team/billing"),
                        "targetImage '127.0.0.1:9/team/billing' is refused: the configuration of app 'shop' fixes its target repository in 'prod' as '127.0.0.1:9/rel/shop'; remove targetImage from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target image on an unconfigured registry",
                        b -> b.targetImage("quay.io/rel/shop"),
                        "targetImage 'quay.io/rel/shop' is refused: the configuration of app 'shop' fixes its target repository in 'prod' as '127.0.0.1:9/rel/shop'; remove targetImage from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target tag with a slash",
                        b -> b.targetTag("a/b"),
                        "targetTag 'a/b' is refused: the configuration of app 'shop' fixes its target tag in 'prod' as 'prod'; remove targetTag from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target tag of another environment",
                        b -> b.targetTag("staging"),
                        "targetTag 'staging' is refused: the configuration of app 'shop' fixes its target tag in 'prod' as 'prod'; remove targetTag from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target tag too long",
                        b -> b.targetTag("t".repeat(129)),
                        "targetTag 'ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt' is refused: the configuration of app 'shop' fixes its target tag in 'prod' as 'prod'; remove targetTag from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                row(
                        "target tag with a newline",
                        b -> b.targetTag("prod\nx"),
                        "targetTag 'prod\\u000Ax' is refused: the configuration of app 'shop' fixes its target tag in 'prod' as 'prod'; remove targetTag from the Jenkinsfile (an administrator changes apps under Manage Jenkins » System » Environment Management » Apps)"),
                // environments
                row(
                        "unknown target environment",
                        b -> b.to("production"),
                        "environment 'production' is not configured; configured environments: staging, prod"),
                row(
                        "target environment upper case",
                        b -> b.to("Prod"),
                        "Target environment 'Prod' is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                row(
                        "target environment as a path",
                        b -> b.to("../prod"),
                        "Target environment '../prod' is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                row("no target environment", b -> b.to(null), "Target environment is required"),
                row(
                        "unknown source environment",
                        b -> b.from("qa"),
                        "from 'qa' is refused: 'prod' promotes from 'staging', as configured; remove from, the configuration's promotesFrom decides where digests come from"),
                row(
                        "source environment with a newline",
                        b -> b.from("staging\n"),
                        "from 'staging\\u000A' is refused: 'prod' promotes from 'staging', as configured; remove from, the configuration's promotesFrom decides where digests come from"),
                row(
                        "gitops into an environment without a GitOps target",
                        b -> b.to("staging").targetImage(null).strategy("gitops"),
                        "environment 'staging' has no GitOps target: configure one, or use strategy 'registry'"),
                // strategies and apps
                row(
                        "unknown strategy",
                        b -> b.strategy("copy"),
                        "strategy 'copy' is not known: use 'registry', 'gitops', 'deploy'"),
                row("no strategy", b -> b.strategy(null), "strategy is required: use 'registry', 'gitops', 'deploy'"),
                row(
                        "strategy upper case",
                        b -> b.strategy("REGISTRY"),
                        "strategy 'REGISTRY' is not known: use 'registry', 'gitops', 'deploy'"),
                row(
                        "app upper case",
                        b -> b.app("Shop"),
                        "App name 'Shop' is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                row(
                        "app too long",
                        b -> b.app("a".repeat(64)),
                        "App name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                row(
                        "app with an underscore",
                        b -> b.app("my_shop"),
                        "App name 'my_shop' is not a valid name: use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit (RFC 1123 label)"),
                row(
                        "app empty",
                        b -> b.app(""),
                        "app is required: name the app an administrator declared under Manage Jenkins » System » Environment Management » Apps"),
                // bounds (issue 10): durations, set, nulls, app as the release name
                row(
                        "awaitRollout of 10^12 days",
                        b -> b.strategy("gitops").awaitRollout("1000000000000d"),
                        "Rollout wait '1000000000000d' is longer than the longest duration the plugin accepts: 365d"),
                row(
                        "deploy timeout of 10^12 days",
                        b -> b.strategy("deploy").deploy(deploy(null, "k8s", null, null, "1000000000000d")),
                        "Timeout '1000000000000d' is longer than the longest duration the plugin accepts: 365d"),
                row(
                        "deploy values [null]",
                        b -> b.strategy("deploy")
                                .deploy(deploy("chart", null, Arrays.asList((String) null), null, null)),
                        "values entry 1 is null"),
                row(
                        "deploy set with NUL",
                        b -> b.strategy("deploy").deploy(deploy("chart", null, null, Map.of("a", "x\0y"), null)),
                        "set value of 'a' contains the control character U+0000 at position 2: only tab and line"
                                + " breaks are allowed"),
                row(
                        "deploy setString with NUL",
                        b -> b.strategy("deploy").deploy(deploy(Map.of("a", "x\0y"), null)),
                        "setString value of 'a' contains the control character U+0000 at position 2: only tab and"
                                + " line breaks are allowed"),
                row(
                        "deploy setFile outside the workspace",
                        b -> b.strategy("deploy").deploy(deploy(null, Map.of("a", "../secret.txt"))),
                        "setFile value of 'a': path leaves the workspace: ../secret.txt"),
                row(
                        "deploy set comma that would start another entry",
                        b -> b.strategy("deploy").deploy(deploy("chart", null, null, Map.of("a", "x,b=y"), null)),
                        "set value of 'a' has a comma at position 2 that helm would read as the start of another"
                                + " entry: escape it as '\\,' or pass the text with setString"),
                // gates that fail before anything moves
                row(
                        "a job the environment does not allow",
                        b -> b.job("ops/deploy"),
                        "allowed-jobs failed, nothing was promoted: job 'ops/deploy' may not promote to 'prod' (allowed: shop/**)"),
                row(
                        "a job that does not own the app",
                        b -> b.job("other/main"),
                        "job 'other/main' does not own app 'shop', nothing was promoted: an administrator lists the jobs that own an app under Manage Jenkins » System » Environment Management » Apps"),
                row(
                        "a change ticket with a line break",
                        b -> b.changeTicket("CHG-1\nPASS approvals"),
                        "1 of 6 gates failed, nothing was promoted: change-ticket"),
                row(
                        "a digest the source registry does not have",
                        b -> b.digest("sha256:" + "cd".repeat(32)),
                        "2 of 6 gates failed, nothing was promoted: digest-exists, live-in-source"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileInputs")
    void refusedWithAClearMessageAndNothingWritten(UnaryOperator<PromotionRequest.Builder> change, String message)
            throws Exception {
        targetSessions.clear();
        processes.clear();
        String head = gitops.mainCommitId();
        int recorded = ledger.events().size();
        PromotionRequest.Builder valid = PromotionRequest.builder("shop", source.host() + "/team/shop", "prod")
                .digest(digest)
                .strategy("registry")
                .targetImage("127.0.0.1:9/rel/shop")
                .job("shop/main");
        PromotionRequest request = change.apply(valid).build();
        String expected = message.replace("{registry}", source.host()).replace("{digest}", digest);
        PromotionRequest resolved = request.image() != null && request.image().contains("{registry}")
                ? change.apply(valid)
                        .image(request.image().replace("{registry}", source.host()))
                        .build()
                : request;

        PromotionException e = assertThrows(PromotionException.class, () -> promoter.promote(resolved, line -> {}));

        assertEquals(
                0,
                targetSessions.stream().mapToLong(RegistrySession::requestsSent).sum(),
                "target requests");
        assertEquals(head, gitops.mainCommitId(), "nothing pushed");
        // Refused by the checks: nothing is written; refused by a gate: only the attempt, started then failed.
        boolean byGate = expected.contains(" gates failed, nothing was promoted");
        assertEquals(recorded + (byGate ? 2 : 0), ledger.events().size(), "nothing recorded");
        if (byGate) {
            assertEquals(expected, ledger.events().get(recorded + 1).reason(), "the failure's one line");
        }
        assertEquals(expected, e.getMessage());
        assertEquals(List.of(), processes, "processes started");
    }
}
