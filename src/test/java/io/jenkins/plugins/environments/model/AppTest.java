package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.ClusterTest.cluster;
import static io.jenkins.plugins.environments.model.EnvironmentTest.environment;
import static io.jenkins.plugins.environments.model.Rejections.LABEL_RULE;
import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11, class 1 on the configuration side: an app is declared by the administrator, bound to its image, its owner
 * jobs and one target per environment; two apps cannot be configured to move each other's tag or GitOps key.
 */
class AppTest {

    private static final String IMAGE = "registry.example.com/team/shop";
    private static final Registry INTERNAL = new Registry("internal", "registry.example.com", null, false, false);

    private static AppTarget target(String environment) {
        return new AppTarget(environment, null, null, null, null, null);
    }

    private static App shop(List<AppTarget> targets) {
        return new App("shop", IMAGE, List.of("shop/**"), targets);
    }

    static Stream<Arguments> badApps() {
        return Stream.of(
                bad(
                        "appNameIsALabel",
                        () -> new App("Shop", IMAGE, List.of(), List.of()),
                        "name",
                        "App name 'Shop' is not a valid name: " + LABEL_RULE),
                bad(
                        "appNameIsRequired",
                        () -> new App(" ", IMAGE, List.of(), List.of()),
                        "name",
                        "App name is required"),
                bad(
                        "appImageHasNoTag",
                        () -> new App("shop", IMAGE + ":1.0", List.of(), List.of()),
                        "image",
                        "Image 'registry.example.com/team/shop:1.0' must be a repository without tag or digest, such"
                                + " as 'registry.example.com/team/shop'"),
                bad(
                        "appImageHasNoDigest",
                        () -> new App("shop", IMAGE + "@sha256:" + "ab".repeat(32), List.of(), List.of()),
                        "image",
                        "Image 'registry.example.com/team/shop@sha256:" + "ab".repeat(32) + "' must be a repository"
                                + " without tag or digest, such as 'registry.example.com/team/shop'"),
                bad(
                        "appImageNamesItsRegistry",
                        () -> new App("shop", "shop", List.of(), List.of()),
                        "image",
                        "Image 'shop' must start with the registry's host, such as 'registry.example.com/team/shop'"),
                bad(
                        "appImageIsRequired",
                        () -> new App("shop", null, List.of(), List.of()),
                        "image",
                        "Image is required"),
                bad(
                        "ownerJobsAreJobPatterns",
                        () -> new App("shop", IMAGE, List.of("/shop"), List.of()),
                        "ownerJobs",
                        new JobPatternMessage("/shop").message()),
                bad(
                        "oneTargetPerEnvironment",
                        () -> shop(List.of(target("prod"), target("staging"), target("prod"))),
                        "targets",
                        "App 'shop' has more than one target in prod: give each environment one target"),
                bad(
                        "targetEnvironmentIsALabel",
                        () -> target("Prod"),
                        "environment",
                        "Target environment 'Prod' is not a valid name: " + LABEL_RULE),
                bad(
                        "targetRepositoryHasNoTag",
                        () -> new AppTarget("prod", "registry.example.com/rel/shop:prod", null, null, null, null),
                        "repository",
                        "Target repository 'registry.example.com/rel/shop:prod' must be a repository without tag or"
                                + " digest, such as 'registry.example.com/team/shop'"),
                bad(
                        "targetTagIsATag",
                        () -> new AppTarget("prod", null, "a/b", null, null, null),
                        "tag",
                        "Target tag 'a/b' is not a valid tag: use at most 128 letters, digits, '_', '.' and '-', not"
                                + " starting with '.' or '-'"),
                bad(
                        "targetNamespaceIsALabel",
                        () -> new AppTarget("prod", null, null, "Shop_Prod", null, null),
                        "namespace",
                        "Target namespace 'Shop_Prod' is not a valid name: " + LABEL_RULE),
                bad(
                        "targetValuesFileStaysInTheRepository",
                        () -> new AppTarget("prod", null, null, null, "../secrets.yaml", null),
                        "valuesFile",
                        messageOf(() -> GitOpsTarget.checkValuesFile("../secrets.yaml"))),
                bad(
                        "targetDigestKeyIsAKeyPath",
                        () -> new AppTarget("prod", null, null, null, null, "a..b"),
                        "digestKey",
                        messageOf(() -> GitOpsTarget.checkDigestKey("a..b"))));
    }

    /** The message the shared rule gives, so that the test states the rule is reused rather than restated. */
    private static String messageOf(Executable check) {
        try {
            check.execute();
        } catch (Throwable e) {
            return e.getMessage();
        }
        throw new AssertionError("the shared rule accepted the value");
    }

    /** The job-pattern rule's message for a text, from the one place it lives. */
    private record JobPatternMessage(String pattern) {
        String message() {
            return messageOf(() -> new JobPattern(pattern));
        }
    }

    @ParameterizedTest
    @MethodSource("badApps")
    void aBadAppIsRefusedNamingItsField(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @Test
    void blankTargetFieldsTakeTheEnvironmentsDefaults() {
        Environment prod = new Environment(
                "prod",
                Tier.PROD,
                "eu",
                "{app}-live",
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("shop/**"),
                new GitOpsTarget("https://git.example.com/deploy.git", "git-bot", "release", "prod/values.yaml", null));
        AppTarget blank = target("prod");
        App app = shop(List.of(blank));

        assertEquals(IMAGE, blank.repositoryOr(IMAGE));
        assertEquals("prod", blank.tagOrEnvironment());
        assertEquals("shop-live", app.namespaceIn(prod));
        assertEquals(prod.gitOps(), blank.gitOpsIn(prod));
    }

    @Test
    void aTargetsOwnFieldsWinOverTheEnvironments() {
        Environment prod = environment("prod", Tier.PROD, "eu", null);
        Environment withGitOps = new Environment(
                "prod",
                Tier.PROD,
                "eu",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                new GitOpsTarget("https://git.example.com/deploy.git", "git-bot", "release", "prod/values.yaml", null));
        AppTarget own = new AppTarget(
                "prod", "registry.example.com/rel/shop", "live", "shop", "apps/shop.yaml", "shop.image.digest");
        App app = shop(List.of(own));

        assertEquals("registry.example.com/rel/shop", own.repositoryOr(IMAGE));
        assertEquals("live", own.tagOrEnvironment());
        assertEquals("shop", app.namespaceIn(prod));
        assertEquals(
                new GitOpsTarget(
                        "https://git.example.com/deploy.git",
                        "git-bot",
                        "release",
                        "apps/shop.yaml",
                        "shop.image.digest"),
                own.gitOpsIn(withGitOps));
        assertEquals(null, own.gitOpsIn(prod), "no GitOps repository in the environment: none for the app");
    }

    @Test
    void folderCredentialsAreOffUnlessTheEntrySaysSoAndAnAppTargetKeepsTheEnvironmentsSetting() {
        GitOpsTarget off = new GitOpsTarget("https://git.example.com/deploy.git", "git-bot", null, "prod.yaml", null);
        GitOpsTarget on =
                new GitOpsTarget("https://git.example.com/deploy.git", "git-bot", null, "prod.yaml", null, true);
        Environment prod =
                new Environment("prod", Tier.PROD, "eu", null, null, null, null, null, null, null, List.of(), on);

        assertFalse(off.folderCredentials());
        assertFalse(new Cluster("eu", "https://k8s.example.com", "k8s", null, false, 0).folderCredentials());
        assertFalse(new Registry("r", "registry.example.com", "push", false, false).folderCredentials());
        assertTrue(new AppTarget("prod", null, null, null, "apps/shop.yaml", null)
                .gitOpsIn(prod)
                .folderCredentials());
    }

    @Test
    void onlyOwnerJobsOwnTheAppAndNoPatternMeansNoJob() {
        App app = new App("shop", IMAGE, List.of("shop/**", "release/shop-*"), List.of());
        App unowned = new App("shop", IMAGE, List.of(), List.of());

        assertTrue(app.ownedBy("shop/main"));
        assertTrue(app.ownedBy("release/shop-hotfix"));
        assertFalse(app.ownedBy("billing/main"));
        assertFalse(app.ownedBy("shopping/main"));
        assertFalse(unowned.ownedBy("shop/main"));
        assertEquals(
                List.of("App 'shop' has no owner jobs: no pipeline can promote it; add job patterns such as"
                        + " 'team-a/shop/**'"),
                unowned.warnings());
    }

    @Test
    void anAppCanOnlyGoWhereItHasATarget() {
        App app = shop(List.of(target("staging")));

        assertTrue(app.target("staging").isPresent());
        assertFalse(app.target("prod").isPresent());
    }

    private static EnvironmentsConfiguration configuration(App... apps) {
        Environment staging = environment("staging", Tier.STAGING, "eu", null);
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
                null,
                List.of("shop/**"),
                new GitOpsTarget("https://git.example.com/deploy.git", null, null, "prod/values.yaml", null));
        return new EnvironmentsConfiguration(
                List.of(cluster("eu")), List.of(INTERNAL), List.of(staging, prod), null, List.of(apps));
    }

    static Stream<Arguments> invalidAppConfigurations() {
        return Stream.of(
                Arguments.argumentSet(
                        "appNamesAreUnique",
                        configuration(shop(List.of()), shop(List.of())),
                        List.of("App name 'shop' is used more than once: give each app its own name")),
                Arguments.argumentSet(
                        "targetEnvironmentsExist",
                        configuration(shop(List.of(target("qa")))),
                        List.of("App 'shop' has a target in environment 'qa', which is not configured: known"
                                + " environments are staging, prod")),
                Arguments.argumentSet(
                        "appImageIsInAConfiguredRegistry",
                        configuration(new App("shop", "ghcr.io/team/shop", List.of("shop/**"), List.of())),
                        List.of("App 'shop' has its image in registry 'ghcr.io', which is not configured: known"
                                + " registries are registry.example.com")),
                Arguments.argumentSet(
                        "targetRepositoryIsInAConfiguredRegistry",
                        configuration(shop(List.of(new AppTarget("prod", "quay.io/rel/shop", null, null, null, null)))),
                        List.of("App 'shop' in 'prod' promotes into registry 'quay.io', which is not configured: known"
                                + " registries are registry.example.com")),
                Arguments.argumentSet(
                        "twoAppsNeverShareATag",
                        configuration(
                                shop(List.of(new AppTarget("prod", null, null, null, "shop.yaml", null))),
                                new App(
                                        "shop-hotfix",
                                        IMAGE,
                                        List.of("shop/**"),
                                        List.of(new AppTarget("prod", null, null, null, "hotfix.yaml", null)))),
                        List.of(
                                "Apps 'shop' and 'shop-hotfix' both promote into tag registry.example.com/team/shop:prod"
                                        + " in 'prod': give each app its own target")),
                Arguments.argumentSet(
                        "twoAppsNeverShareAGitOpsKey",
                        configuration(
                                shop(List.of(target("prod"))),
                                new App(
                                        "billing",
                                        "registry.example.com/team/billing",
                                        List.of("billing/**"),
                                        List.of(target("prod")))),
                        List.of("Apps 'shop' and 'billing' both promote into GitOps key image.digest of"
                                + " prod/values.yaml in 'prod': give each app its own target")));
    }

    @ParameterizedTest
    @MethodSource("invalidAppConfigurations")
    void appRulesThatSpanEntriesAreErrors(EnvironmentsConfiguration configuration, List<String> errors) {
        assertEquals(errors, configuration.validate().errors());
    }

    @Test
    void appsWithTheirOwnTargetsAreValid() {
        EnvironmentsConfiguration valid = configuration(
                shop(List.of(target("staging"), target("prod"))),
                new App(
                        "billing",
                        "registry.example.com/team/billing",
                        List.of("billing/**"),
                        List.of(new AppTarget("prod", null, null, null, "billing/values.yaml", null))));

        assertEquals(List.of(), valid.validate().errors());
        assertEquals("billing", valid.app("billing").orElseThrow().name());
        assertTrue(valid.app("payments").isEmpty());
    }

    @Test
    void aConfigurationWithoutAppsStillServesPreviews() {
        EnvironmentsConfiguration previewsOnly = new EnvironmentsConfiguration(
                List.of(cluster("eu")), List.of(INTERNAL), List.of(environment("dev", Tier.DEV, "eu", null)), null);

        assertEquals(List.of(), previewsOnly.apps());
        assertEquals(List.of(), previewsOnly.validate().errors());
    }
}
