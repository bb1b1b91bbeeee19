package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * {@code awaitApproval} in a running Jenkins: dave starts a pipeline, which pauses; alice approves through the web
 * (session cookie and crumb, as the page's form sends it); Jenkins restarts; dave's own approval is refused as
 * self-approval and changes nothing; bob approves and the build goes on with the approvers and the ticket. The
 * pipeline is the one docs/approvals.md shows.
 */
@Tag(LiveJenkinsTag.TAG)
class AwaitApprovalLiveTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @RegisterExtension
    private final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    /** What Jenkins answered. */
    private record Answer(int status, String body) {}

    @Test
    void twoReviewersApproveThroughTheWebAcrossARestartAndSelfApprovalIsRefused() throws Throwable {
        sessions.then(j -> {
            secure(j);
            configureProd();
            LivePipelines.create("shop", script());
            assertEquals(
                    201, post(j, "dave", "job/shop/build?delay=0sec", Map.of()).status());
            Run<?, ?> run = firstBuild();
            j.waitForMessage("Waiting for approval of app 'shop' digest " + DIGEST + " for environment 'prod'", run);
            assertTrue(run.isBuilding(), "the build waits");

            Answer alice = approve(j, "alice", run, "CHG-1");

            assertEquals(new Answer(200, "Approval by 'alice' counted: 1 of 2.\n"), alice);
            assertEquals(403, approve(j, "mallory", run, "CHG-9").status(), "mallory is not an approver");
        });
        sessions.then(j -> {
            Run<?, ?> run = firstBuild();
            assertEquals(
                    1,
                    run.getAction(ApprovalsAction.class)
                            .getEntries()
                            .get(0)
                            .getApprovals()
                            .size(),
                    "alice's approval survived the restart");

            Answer dave = approve(j, "dave", run, "CHG-3");

            assertEquals(403, dave.status());
            assertTrue(dave.body().contains("started this run, and environment"), dave.body());
            assertEquals(
                    1,
                    run.getAction(ApprovalsAction.class)
                            .getEntries()
                            .get(0)
                            .getApprovals()
                            .size(),
                    "the refusal changed nothing");

            Answer bob = approve(j, "bob", run, "CHG-2");

            assertEquals(200, bob.status());
            j.assertBuildStatusSuccess(j.waitForCompletion(run));
            j.assertLogContains("approvers=[alice, bob] ticket=CHG-1", run);
            assertEquals(1, ApprovalsAction.results(run).size());
            // Read from the file under this Jenkins' home: the events must be there, whatever object wrote them.
            Path file = Jenkins.get()
                    .getRootDir()
                    .toPath()
                    .resolve(EnvironmentLedger.FOLDER)
                    .resolve(EnvironmentLedger.FILE);
            List<LedgerEventType> types = Ledger.open(file, Clock.systemUTC()).events().stream()
                    .filter(e -> "shop".equals(e.app()))
                    .map(LedgerEvent::type)
                    .toList();
            assertEquals(
                    List.of(
                            LedgerEventType.APPROVAL_REQUESTED,
                            LedgerEventType.APPROVED,
                            LedgerEventType.APPROVAL_REFUSED,
                            LedgerEventType.APPROVAL_REFUSED,
                            LedgerEventType.APPROVED),
                    types);
        });
    }

    private static void secure(JenkinsRule j) {
        Jenkins.get().setSecurityRealm(j.createDummySecurityRealm());
        Jenkins.get()
                .setAuthorizationStrategy(new MockAuthorizationStrategy()
                        .grant(Jenkins.ADMINISTER)
                        .everywhere()
                        .to("admin")
                        .grant(Jenkins.READ, Item.READ, Item.BUILD)
                        .everywhere()
                        .to("alice", "bob", "dave", "mallory"));
    }

    private static void configureProd() {
        EnvironmentManagementConfiguration config = EnvironmentManagementConfiguration.get();
        config.setClusters(List.of(new ClusterConfig("prod-eu", "https://prod.k8s.example.com:6443", "prod-token")));
        EnvironmentConfig prod = new EnvironmentConfig("prod", "prod", "prod-eu");
        GatesConfig gates = new GatesConfig();
        gates.setRequiredApprovals(2);
        gates.setApprovers("alice, bob, dave");
        gates.setForbidSelfApproval(true);
        prod.setGates(gates);
        prod.setAllowedJobs("shop");
        config.setEnvironments(List.of(prod));
    }

    private static String script() throws Exception {
        try (InputStream in = AwaitApprovalLiveTest.class.getResourceAsStream("await-approval.groovy")) {
            assertNotNull(in);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Run<?, ?> firstBuild() throws InterruptedException {
        return LivePipelines.build(Jenkins.get().getItemByFullName("shop", Job.class), 1);
    }

    private static Answer approve(JenkinsRule j, String user, Run<?, ?> run, String ticket) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("environment", "prod");
        form.put("digest", DIGEST);
        form.put("comment", "checked by " + user);
        form.put("changeTicket", ticket);
        return post(j, user, run.getUrl() + ApprovalsAction.URL_NAME + "/approve", form);
    }

    /**
     * A POST as a logged-in user with a crumb: one session (its cookie kept) asks the crumb issuer for a crumb and
     * sends it with the form, as the page's form does. The dummy realm's password is the user name.
     */
    private static Answer post(JenkinsRule j, String user, String path, Map<String, String> form) throws Exception {
        HttpClient client =
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
        String root = j.getURL().toString();
        HttpResponse<String> crumb = client.send(
                HttpRequest.newBuilder(URI.create(root + "crumbIssuer/api/json"))
                        .header("Authorization", login)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, crumb.statusCode(), crumb.body());
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = client.send(
                HttpRequest.newBuilder(URI.create(root + path))
                        .header("Authorization", login)
                        .header(field(crumb.body(), "crumbRequestField"), field(crumb.body(), "crumb"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(answer.statusCode(), answer.body());
    }

    private static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertTrue(value.find(), json);
        return value.group(1);
    }
}
