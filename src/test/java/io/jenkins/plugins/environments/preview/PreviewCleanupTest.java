package io.jenkins.plugins.environments.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.environments.kubernetes.SweptPreview;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TTL sweep and the teardown of a removed pull-request job's previews, with a clock the test moves. */
class PreviewCleanupTest {

    private static final String DIGEST = "sha256:" + "cd".repeat(32);

    @TempDir
    Path dir;

    private MockKubernetesApi api;
    private KubernetesClient client;
    private PreviewFixture fixture;
    private EnvironmentsConfiguration configuration;
    private PreviewDeployer deployer;
    private PreviewCleanup cleanup;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        api = MockKubernetesApi.start();
        client = api.client();
        fixture = new PreviewFixture(dir, api, "127.0.0.1:5000");
        configuration = fixture.configuration(0, WhenFull.QUEUE);
        deployer = fixture.deployer(configuration);
        cleanup = new PreviewCleanup(
                configuration,
                cluster -> api.newClient(),
                deployer,
                fixture.ledger,
                fixture.coordinator,
                fixture.clock);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private void deploy(int pr, String ttl, boolean pinned, String job) throws InterruptedException {
        deployer.deploy(
                PreviewRequest.builder("shop")
                        .image(fixture.image(DIGEST))
                        .manifests("manifests")
                        .pr(String.valueOf(pr))
                        .ttl(ttl)
                        .pinned(pinned)
                        .job(job)
                        .waitForReady(false)
                        .build(),
                fixture.tools(),
                log::add);
    }

    @Test
    void sweepRemovesOnlyExpiredUnpinnedPreviewsAndRecordsTtl() throws Exception {
        deploy(1, "1h", false, "shop/PR-1"); // expires at 13:00
        deploy(2, "1h", true, "shop/PR-2"); // expired too, but pinned
        deploy(3, "3h", false, "shop/PR-3"); // expires at 15:00
        fixture.now.set(PreviewFixture.START.plus(Duration.ofHours(2)));
        api.clearRequests();

        List<SweptPreview> swept = cleanup.sweepExpired(log::add);

        assertEquals(1, api.requests("GET").size(), "one LIST");
        assertEquals(1, api.requests("DELETE").size(), "one DELETE per expired preview");
        assertEquals(2, api.requests().size());
        assertEquals(
                List.of("pr-1"),
                swept.stream().map(s -> s.preview().namespace()).toList());
        assertNull(client.namespaces().withName("pr-1").get());
        assertNotNull(client.namespaces().withName("pr-2").get());
        assertNotNull(client.namespaces().withName("pr-3").get());
        LedgerEvent last = fixture.ledger.events().get(3);
        assertEquals(LedgerEventType.TORN_DOWN, last.type());
        assertEquals("ttl", last.reason());
        assertEquals("1", last.pr());
        assertEquals(LedgerEvent.SYSTEM, last.actor());
        assertEquals(
                List.of("2", "3"),
                PreviewHistory.open(fixture.ledger.events()).stream()
                        .map(LedgerEvent::pr)
                        .toList());
    }

    @Test
    void removingAPullRequestJobTearsDownItsPreviewsWithReasonPrClosed() throws Exception {
        deploy(4, "72h", false, "shop/PR-4");
        deploy(5, "72h", false, "shop/PR-5");

        List<TeardownResult> done = cleanup.forRemovedJob("shop/PR-4", Duration.ofSeconds(10), log::add);

        assertEquals(
                List.of("pr-4"), done.stream().map(TeardownResult::namespace).toList());
        assertNull(client.namespaces().withName("pr-4").get());
        assertNotNull(client.namespaces().withName("pr-5").get());
        LedgerEvent last = fixture.ledger.events().get(2);
        assertEquals(LedgerEventType.TORN_DOWN, last.type());
        assertEquals("pr-closed", last.reason());
        assertEquals("4", last.pr());
    }

    @Test
    void removingAJobWithoutPreviewsChangesNothing() throws Exception {
        deploy(6, "72h", false, "shop/PR-6");
        api.clearRequests();

        assertEquals(List.of(), cleanup.forRemovedJob("shop/main", Duration.ofSeconds(10), log::add));
        assertEquals(List.of(), api.requests());
        assertEquals(1, fixture.ledger.events().size());
    }
}
