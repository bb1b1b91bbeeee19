package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code promoteDigest} in a real Pipeline job with the registry strategy, between two Debian docker-registry
 * instances: the build registry holds the verified image, the release registry receives it under the target tag that
 * the app's configuration names. The tag's digest is read back from the release registry over HTTP, not through the
 * plugin; the build page's promotion record and the ledger's entries are checked too.
 */
@WithJenkins
@Tag(LiveJenkinsTag.TAG)
class PromoteDigestLiveTest {

    private DockerRegistry builds;
    private DockerRegistry releases;
    private String digest;

    @BeforeEach
    void startRegistries() throws Exception {
        builds = DockerRegistry.start();
        releases = DockerRegistry.start();
        digest = RegistryImages.push(builds, "team/shop", "build-42", "forty-two");
    }

    @AfterEach
    void stopRegistries() {
        releases.close();
        builds.close();
    }

    @Test
    void aPipelinePromotesADigestIntoTheReleaseRegistry(JenkinsRule j) throws Exception {
        configure();
        Job<?, ?> job = LivePipelines.create("shop-release", """
                def promoted = promoteDigest to: 'staging', app: 'shop', digest: '%s'
                echo "promoted to=${promoted.to} strategy=${promoted.strategy} target=${promoted.target} changed=${promoted.changed}"
                """.formatted(digest));

        Run<?, ?> run = j.assertBuildStatusSuccess(j.waitForCompletion(LivePipelines.start(j, job)));

        String target = releases.host() + "/releases/shop:staging";
        j.assertLogContains("promoted to=staging strategy=registry target=" + target + " changed=true", run);
        j.assertLogContains("[promoteDigest] PASS digest-exists: ", run);
        assertEquals(digest, tagDigest(releases, "releases/shop", "staging"), "the release registry's tag");
        PromotionAction action = run.getAction(PromotionAction.class);
        assertNotNull(action, "the build records its promotion");
        PromotionAction.Entry entry = action.getEntries().get(0);
        assertEquals(
                List.of("shop", digest, "staging", "registry", target),
                List.of(entry.getApp(), entry.getDigest(), entry.getTo(), entry.getStrategy(), entry.getTarget()));
        List<LedgerEvent> events = EnvironmentLedger.get().events().stream()
                .filter(e -> "shop".equals(e.app()))
                .toList();
        assertEquals(
                List.of(LedgerEventType.PROMOTION_STARTED, LedgerEventType.PROMOTED),
                events.stream().map(LedgerEvent::type).toList());
        LedgerEvent promoted = events.get(1);
        assertEquals("staging", promoted.environment());
        assertEquals(digest, promoted.digest());
        assertTrue(promoted.build().endsWith("/job/shop-release/1/"), "the build that promoted: " + promoted.build());
    }

    /** Both registries anonymous on loopback HTTP; the app's target in staging is the release registry. */
    private void configure() throws Exception {
        EnvironmentManagementConfiguration config = EnvironmentManagementConfiguration.get();
        config.setClusters(List.of(new ClusterConfig("eu", "https://k8s.example.com:6443", "k8s-token")));
        RegistryConfig buildRegistry = new RegistryConfig("builds", builds.host());
        buildRegistry.setInsecure(true);
        RegistryConfig releaseRegistry = new RegistryConfig("releases", releases.host());
        releaseRegistry.setInsecure(true);
        config.setRegistries(List.of(buildRegistry, releaseRegistry));
        EnvironmentConfig staging = new EnvironmentConfig("staging", "staging", "eu");
        staging.setAllowedJobs("shop-release");
        config.setEnvironments(List.of(staging));
        AppConfig shop = new AppConfig("shop", builds.host() + "/team/shop");
        shop.setOwnerJobs("shop-release");
        AppTargetConfig target = new AppTargetConfig("staging");
        target.setRepository(releases.host() + "/releases/shop");
        shop.setTargets(List.of(target));
        config.setApps(List.of(shop));
    }

    /** @return the digest the registry reports for the tag, read with a plain HEAD request */
    private static String tagDigest(DockerRegistry registry, String repository, String tag) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<Void> answer = http.send(
                    HttpRequest.newBuilder(URI.create(registry.url() + "/v2/" + repository + "/manifests/" + tag))
                            .method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .header("Accept", RegistryImages.OCI_MANIFEST)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(200, answer.statusCode(), "HEAD of " + repository + ":" + tag);
            return answer.headers().firstValue("Docker-Content-Digest").orElseThrow();
        }
    }
}
