package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Item;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.htmlunit.html.DomElement;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The dashboard's data endpoint in a running Jenkins, as two users see it: alice may read the job {@code shop} but
 * not {@code vault}; an administrator may read both. The rows, previews and history of {@code vault}'s builds never
 * reach alice, through the root action or a view; a user without Overall/Read gets nothing. And the page itself as
 * Jenkins renders it, read with the test harness' HtmlUnit client.
 */
@WithJenkins
@Tag(LiveJenkinsTag.TAG)
class EnvironmentDashboardLiveTest {

    private static final String SHOP_DIGEST = "sha256:" + "a1".repeat(32);
    private static final String VAULT_DIGEST = "sha256:" + "b2".repeat(32);

    /** What Jenkins answered. */
    private record Answer(int status, String body) {}

    @Test
    void aUserSeesOnlyTheRowsOfJobsTheyMayRead(JenkinsRule j) throws Exception {
        Jenkins.get().setSecurityRealm(j.createDummySecurityRealm());
        Jenkins.get()
                .setAuthorizationStrategy(new MockAuthorizationStrategy()
                        .grant(Jenkins.ADMINISTER)
                        .everywhere()
                        .to("admin")
                        .grant(Jenkins.READ)
                        .everywhere()
                        .to("alice")
                        .grant(Item.READ)
                        .onPaths("shop")
                        .to("alice"));
        Jenkins.get().createProjectFromXML("shop", freestyle());
        Jenkins.get().createProjectFromXML("vault", freestyle());
        EnvironmentManagementConfiguration config = EnvironmentManagementConfiguration.get();
        config.setClusters(List.of(new ClusterConfig("prod-eu", "https://prod.k8s.example.com:6443", "prod-token")));
        EnvironmentConfig prod = new EnvironmentConfig("prod", "prod", "prod-eu");
        prod.setAllowedJobs("shop\nvault");
        EnvironmentConfig secret = new EnvironmentConfig("secret", "prod", "prod-eu");
        secret.setAllowedJobs("vault");
        config.setEnvironments(List.of(prod, secret));

        Ledger ledger = EnvironmentLedger.get();
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop-app", "prod")
                .digest(SHOP_DIGEST)
                .actor("alice")
                .build("job/shop/1/"));
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "vault-app", "prod")
                .digest(VAULT_DIGEST)
                .actor("admin")
                .build("job/vault/1/"));
        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop-app", "secret")
                .digest(SHOP_DIGEST)
                .actor("admin")
                .build("job/vault/2/"));
        ledger.append(LedgerEvent.builder(LedgerEventType.DEPLOYED, "vault-app", "preview")
                .pr("7")
                .digest(VAULT_DIGEST)
                .url("https://pr-7.preview.example.com")
                .build("job/vault/3/"));

        Answer alice = get(j, "alice", "environment-dashboard/data");
        assertEquals(200, alice.status(), alice.body());
        assertTrue(alice.body().contains("\"shop-app\""), alice.body());
        assertTrue(alice.body().contains(SHOP_DIGEST), alice.body());
        assertFalse(alice.body().contains("vault"), "no row, build or preview of vault: " + alice.body());
        assertFalse(alice.body().contains(VAULT_DIGEST), alice.body());
        assertFalse(alice.body().contains("\"secret\""), "alice may read no job allowed in secret: " + alice.body());

        Answer history = get(j, "alice", "environment-dashboard/data/history?app=vault-app");
        assertEquals(200, history.status(), history.body());
        assertTrue(history.body().contains("\"total\":0"), history.body());

        Answer admin = get(j, "admin", "environment-dashboard/data");
        assertTrue(admin.body().contains("\"vault-app\""), admin.body());
        assertTrue(admin.body().contains("\"secret\""), admin.body());
        assertTrue(admin.body().contains("https://pr-7.preview.example.com"), admin.body());

        EnvironmentDashboardView view = new EnvironmentDashboardView("delivery");
        view.setAppPattern("*-app");
        Jenkins.get().addView(view);
        Answer viewed = get(j, "alice", "view/delivery/data");
        assertEquals(200, viewed.status(), viewed.body());
        assertTrue(viewed.body().contains("\"shop-app\""), viewed.body());
        assertFalse(viewed.body().contains("vault"), viewed.body());

        Answer page = get(j, "alice", "view/delivery/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("id=\"em-dashboard\""), "the view's page carries the shell");
        assertTrue(page.body().contains("/plugin/environment-management/dashboard/dashboard.js"));

        Answer badRequest = get(j, "alice", "environment-dashboard/data/history?app=shop-app&type=nonsense");
        assertEquals(400, badRequest.status());
        assertTrue(badRequest.body().contains("type 'nonsense' is not an event type"), badRequest.body());

        assertEquals(403, get(j, null, "environment-dashboard/data").status(), "anonymous has no Overall/Read");
    }

    /**
     * The root action's page as Jenkins renders it (layout, permission check, the dashboard's shell) and its data
     * endpoint, with HtmlUnit. The page's script is left off: it is tested in a real browser (DashboardPageTest), and
     * here the server's markup is what is checked.
     */
    @Test
    void thePageRendersTheShellAndItsDataIsJsonForReadersOnly(JenkinsRule j) throws Exception {
        Jenkins.get().setSecurityRealm(j.createDummySecurityRealm());
        Jenkins.get()
                .setAuthorizationStrategy(new MockAuthorizationStrategy()
                        .grant(Jenkins.READ, Item.READ)
                        .everywhere()
                        .to("alice"));
        Jenkins.get().createProjectFromXML("shop", freestyle());
        EnvironmentManagementConfiguration config = EnvironmentManagementConfiguration.get();
        config.setClusters(List.of(new ClusterConfig("prod-eu", "https://prod.k8s.example.com:6443", "prod-token")));
        EnvironmentConfig prod = new EnvironmentConfig("prod", "prod", "prod-eu");
        prod.setAllowedJobs("shop");
        config.setEnvironments(List.of(prod));
        EnvironmentLedger.get()
                .append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop-app", "prod")
                        .digest(SHOP_DIGEST)
                        .actor("alice")
                        .build("job/shop/1/"));

        try (JenkinsRule.WebClient alice =
                j.createWebClient().withJavaScriptEnabled(false).withBasicCredentials("alice")) {
            HtmlPage page = alice.goTo("environment-dashboard/");
            DomElement shell = page.getElementById("em-dashboard");
            assertNotNull(shell, "the dashboard's shell");
            assertTrue(
                    shell.getAttribute("data-data-url").endsWith("/environment-dashboard/data"),
                    shell.getAttribute("data-data-url"));
            for (String section : List.of("em-filter", "em-matrix", "em-approvals", "em-previews", "em-history")) {
                assertNotNull(page.getElementById(section), section);
            }
            assertTrue(page.getWebResponse()
                    .getContentAsString()
                    .contains("/plugin/environment-management/dashboard/dashboard.js"));

            Page data = alice.goTo("environment-dashboard/data", null);
            assertEquals(200, data.getWebResponse().getStatusCode());
            assertTrue(
                    data.getWebResponse().getContentType().startsWith("application/json"),
                    data.getWebResponse().getContentType());
            JsonNode json = new ObjectMapper().readTree(data.getWebResponse().getContentAsString());
            assertEquals("prod", json.at("/environments/0/name").asText(), json.toString());
            assertEquals("shop-app", json.at("/apps/0/name").asText(), json.toString());
            assertTrue(json.at("/apps/0/cells/prod").toString().contains(SHOP_DIGEST), json.toString());
        }
        try (JenkinsRule.WebClient bob = j.createWebClient().withBasicCredentials("bob")) {
            bob.assertFails("environment-dashboard/data", 403);
            bob.assertFails("environment-dashboard/", 403);
        }
        // Anonymous, who has no Overall/Read either, is refused the same way: aUserSeesOnlyTheRowsOfJobsTheyMayRead.
    }

    private static ByteArrayInputStream freestyle() {
        return new ByteArrayInputStream(
                "<?xml version='1.1' encoding='UTF-8'?>\n<project/>".getBytes(StandardCharsets.UTF_8));
    }

    /** A GET as a user (the dummy realm's password is the user name), or anonymous for {@code null}. */
    private static Answer get(JenkinsRule j, String user, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(j.getURL() + path));
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> answer =
                HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body());
    }
}
