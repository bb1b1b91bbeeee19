package io.jenkins.plugins.environments.model;

import static io.jenkins.plugins.environments.model.Rejections.LABEL_RULE;
import static io.jenkins.plugins.environments.model.Rejections.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentTest {

    static final Gates TWO_APPROVALS = new Gates(2, List.of(), true, false, null, null, null, false);

    /** An environment that passes every rule and raises no warning, apart from what the arguments change. */
    static Environment environment(String name, Tier tier, String cluster, String promotesFrom) {
        Gates gates = tier.isProductionLike() ? TWO_APPROVALS : null;
        return new Environment(
                name, tier, cluster, null, null, null, promotesFrom, null, null, gates, List.of("apps/**"), null);
    }

    private static Executable named(String name) {
        return () -> environment(name, Tier.DEV, "dev", null);
    }

    private static Executable text(String region, String owner, String costCenter) {
        return () ->
                new Environment("dev", Tier.DEV, "dev", null, region, null, null, owner, costCenter, null, null, null);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad(
                        "environmentNameMustBeLabel",
                        named("Staging"),
                        "name",
                        "Environment name 'Staging' is not a valid name: " + LABEL_RULE),
                bad(
                        "environmentNameMustNotEndWithHyphen",
                        named("prod-"),
                        "name",
                        "Environment name 'prod-' is not a valid name: " + LABEL_RULE),
                bad("environmentNameIsRequired", named(null), "name", "Environment name is required"),
                bad(
                        "tierIsRequired",
                        () -> new Environment("dev", null, "dev", null, null, null, null, null, null, null, null, null),
                        "tier",
                        "Tier is required: use one of local, dev, staging, uat, prod, dr, sandbox, perf"),
                bad(
                        "clusterIsRequired",
                        () -> environment("dev", Tier.DEV, "", null),
                        "cluster",
                        "Cluster id is required"),
                bad(
                        "clusterMustBeLabel",
                        () -> environment("dev", Tier.DEV, "Dev Cluster", null),
                        "cluster",
                        "Cluster id 'Dev Cluster' is not a valid name: " + LABEL_RULE),
                bad(
                        "promotesFromMustBeLabel",
                        () -> environment("prod", Tier.PROD, "prod", "Staging"),
                        "promotesFrom",
                        "Promotes from 'Staging' is not a valid name: " + LABEL_RULE),
                bad(
                        "promotesFromMustNotBeItself",
                        () -> environment("prod", Tier.PROD, "prod", "prod"),
                        "promotesFrom",
                        "Environment 'prod' cannot promote from itself: name the environment its digests come from,"
                                + " or leave it empty"),
                bad(
                        "regionMustBeOneLine",
                        text("eu-west-1\n", null, null),
                        "region",
                        "Region 'eu-west-1\\u000A' must not contain control characters such as line breaks"),
                bad(
                        "ownerMustBeOneLine",
                        text(null, "team\u0007", null),
                        "owner",
                        "Owner 'team\\u0007' must not contain control characters such as line breaks"),
                bad(
                        "costCenterMustBeOneLine",
                        text(null, null, "cc\t42"),
                        "costCenter",
                        "Cost center 'cc\\u000942' must not contain control characters such as line breaks"),
                bad(
                        "allowedJobsMustBeValidPatterns",
                        () -> new Environment(
                                "dev",
                                Tier.DEV,
                                "dev",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                List.of("ok/*", "/bad"),
                                null),
                        "allowedJobs",
                        "Job pattern '/bad' must not start with '/': write full names such as 'team-a/*' or"
                                + " 'team-a/**'"),
                bad(
                        "namespacePatternMustRenderToLabel",
                        () -> new Environment(
                                "dev", Tier.DEV, "dev", "{app}.{env}", null, null, null, null, null, null, null, null),
                        "namespacePattern",
                        "Namespace pattern '{app}.{env}' gives 'myapp.staging' for {app}=myapp, {env}=staging, which"
                                + " is not a valid namespace: " + LABEL_RULE),
                bad(
                        "namespaceForChecksTheApplicationName",
                        () -> environment("prod", Tier.PROD, "prod", null).namespaceFor("Payments"),
                        "namespacePattern",
                        "Namespace pattern '{app}-{env}' gives 'Payments-prod' for {app}=Payments, {env}=prod, which"
                                + " is not a valid namespace: " + LABEL_RULE));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValueWithExactMessage(Executable action, String field, String message) {
        Rejections.assertRejected(action, field, message);
    }

    @Test
    void defaultsApplyWhenOptionalValuesAreMissing() {
        Environment dev = new Environment("dev", Tier.DEV, "dev", " ", "", null, "", " ", null, null, null, null);
        assertEquals("{app}-{env}", dev.namespacePattern());
        assertSame(DataPolicy.NONE, dev.dataPolicy());
        assertSame(Gates.NONE, dev.gates());
        assertEquals(List.of(), dev.allowedJobs());
        assertTrue(dev.jobAccess().isEmpty());
        assertNull(dev.region());
        assertNull(dev.owner());
        assertNull(dev.costCenter());
        assertNull(dev.promotesFrom());
        assertNull(dev.gitOps());
    }

    @Test
    void namespaceForRendersTheEnvironmentsPattern() {
        assertEquals(
                "payments-staging",
                environment("staging", Tier.STAGING, "dev", null).namespaceFor("payments"));
        Environment custom = new Environment(
                "prod", Tier.PROD, "prod", "team-a-{app}", null, null, null, null, null, TWO_APPROVALS, null, null);
        assertEquals("team-a-payments", custom.namespaceFor("payments"));
    }

    @Test
    void allowedJobsAreCheckedPatternsAndDenyByDefault() {
        Environment dev = new Environment(
                "dev", Tier.DEV, "dev", null, null, null, null, null, null, null, List.of("team-a/**", " "), null);
        assertEquals(List.of("team-a/**"), dev.allowedJobs());
        assertTrue(dev.permitsJob("team-a/service/main"));
        assertFalse(dev.permitsJob("team-b/service/main"));
        Environment none = new Environment("qa", Tier.UAT, "dev", null, null, null, null, null, null, null, null, null);
        assertFalse(none.permitsJob("team-a/service/main"));
    }

    @Test
    void productionWithoutGatesIsWarnedAbout() {
        Environment prod = new Environment(
                "prod", Tier.PROD, "prod", null, null, null, "staging", null, null, null, List.of("apps/**"), null);
        assertEquals(
                List.of("Environment 'prod' is production-like (prod) but has no gates: any allowed job can promote"
                        + " any digest to it; require approvals, a signature or a scan"),
                prod.warnings());
    }

    @Test
    void disasterRecoveryWithoutGatesIsWarnedAboutToo() {
        Environment dr = new Environment(
                "dr", Tier.DR, "prod", null, null, null, null, null, null, Gates.NONE, List.of("apps/**"), null);
        assertEquals(1, dr.warnings().size());
        assertTrue(dr.warnings().get(0).startsWith("Environment 'dr' is production-like (dr) but has no gates"));
    }

    @Test
    void productionWithGatesAndNonProductionWithoutGatesAreFine() {
        assertEquals(
                List.of(), environment("prod", Tier.PROD, "prod", "staging").warnings());
        assertEquals(List.of(), environment("dev", Tier.DEV, "dev", null).warnings());
    }

    @Test
    void environmentThatAllowsNoJobIsWarnedAbout() {
        Environment dev = new Environment("dev", Tier.DEV, "dev", null, null, null, null, null, null, null, null, null);
        assertEquals(
                List.of("Environment 'dev' allows no job: add job patterns such as 'team-a/**' to let pipelines"
                        + " deploy or promote to it"),
                dev.warnings());
    }

    @Test
    void gatesWarningsNameTheEnvironment() {
        Gates unused = new Gates(0, List.of("user:alice"), true, false, null, null, null, true);
        Environment qa = new Environment(
                "qa", Tier.UAT, "dev", null, null, null, null, null, null, unused, List.of("apps/**"), null);
        assertEquals(
                List.of("Environment 'qa' gates: approvers are listed but no approval is required, so they are never"
                        + " asked"),
                qa.warnings());
    }

    @Test
    void gitOpsTargetIsKept() {
        GitOpsTarget target = new GitOpsTarget("git@github.com:org/deploy.git", null, null, "prod/values.yaml", null);
        Environment prod = new Environment(
                "prod",
                Tier.PROD,
                "prod",
                null,
                null,
                DataPolicy.FULL,
                null,
                "sre",
                "cc-1",
                TWO_APPROVALS,
                null,
                target);
        assertSame(target, prod.gitOps());
        assertSame(DataPolicy.FULL, prod.dataPolicy());
    }
}
