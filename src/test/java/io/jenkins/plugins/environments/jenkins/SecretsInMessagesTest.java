package io.jenkins.plugins.environments.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.gitops.GitAccess;
import io.jenkins.plugins.environments.gitops.GitCredential;
import io.jenkins.plugins.environments.gitops.GitIdentity;
import io.jenkins.plugins.environments.gitops.GitOpsException;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.gitops.GitOpsRequest;
import io.jenkins.plugins.environments.kubernetes.ClusterAccess;
import io.jenkins.plugins.environments.kubernetes.ClusterAccessException;
import io.jenkins.plugins.environments.kubernetes.ClusterCredential;
import io.jenkins.plugins.environments.kubernetes.ClusterProbe;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.GitOpsTarget;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.WhenFull;
import io.jenkins.plugins.environments.preview.PreviewFixture;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryAccessException;
import io.jenkins.plugins.environments.registry.RegistryClient;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.RegistryRequest;
import io.jenkins.plugins.environments.registry.RegistrySession;
import io.jenkins.plugins.environments.render.LocalWorkspace;
import io.jenkins.plugins.environments.render.ProcessCommandRunner;
import io.jenkins.plugins.environments.render.RenderException;
import io.jenkins.plugins.environments.render.RenderRequest;
import io.jenkins.plugins.environments.render.Renderer;
import io.jenkins.plugins.environments.testing.KubernetesCli;
import io.jenkins.plugins.environments.testing.MockKubernetesApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule "no secret in any message": known secrets are fed through each failure path (image references with user
 * information in preview and promotion requests, a token service answering a token with a line break, registry error
 * bodies that echo the password or the token, a cluster that echoes the bearer token, git remotes with user
 * information, helm failing while printing a secret value, the ledger, the step's log and result) and must appear
 * nowhere: not in the log, not in any message or {@code toString()} of the exception chain (causes and suppressed), not
 * in the ledger file, not in the returned value.
 */
class SecretsInMessagesTest {

    private static final String PASSWORD = "Hunter2-Passw0rd!q";
    private static final String TOKEN = "tok3n-Secr3t-Value-81f2";
    private static final String GITHUB_TOKEN = "ghp_" + "R3dact3dT0k3nV4lu3xxxxxxxxxxxxxxxxxxx";
    private static final List<String> SECRETS = List.of(
            PASSWORD,
            URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
            TOKEN,
            GITHUB_TOKEN,
            "Hunter2",
            "Secr3t",
            "R3dact3d");
    private static final String DIGEST = "sha256:" + "34".repeat(32);
    private static final String USER_INFO_REFUSED = "must not contain a user name or password ('user:password@'):"
            + " give the registry's credentials in the global configuration";

    @TempDir
    Path dir;

    private final List<HttpServer> servers = new ArrayList<>();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    // ---- what "appears nowhere" means ----

    /** Fails if any secret is in any of the outputs: texts, maps, files, or every message of an exception chain. */
    private static void assertNoSecret(Object... outputs) {
        for (Object output : outputs) {
            for (String text : texts(output)) {
                for (String secret : SECRETS) {
                    assertFalse(
                            text.contains(secret), () -> "a secret leaked into: " + text.replace(secret, "<SECRET>"));
                }
            }
        }
    }

    private static List<String> texts(Object output) {
        List<String> texts = new ArrayList<>();
        if (output instanceof Throwable thrown) {
            chain(thrown, texts, Collections.newSetFromMap(new IdentityHashMap<>()));
        } else if (output instanceof Path file) {
            try {
                texts.add(Files.exists(file) ? Files.readString(file) : "");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        } else {
            texts.add(String.valueOf(output));
        }
        return texts;
    }

    private static void chain(Throwable thrown, List<String> texts, Set<Throwable> seen) {
        if (thrown == null || !seen.add(thrown)) {
            return;
        }
        texts.add(String.valueOf(thrown.getMessage()));
        texts.add(String.valueOf(thrown.getLocalizedMessage()));
        texts.add(thrown.toString());
        for (Throwable suppressed : thrown.getSuppressed()) {
            chain(suppressed, texts, seen);
        }
        chain(thrown.getCause(), texts, seen);
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    // ---- image references with user information ----

    /** Image texts that carry a password or a token in the user-information part. */
    private static final String[] USER_INFO_IMAGES = {
        "deployer:" + PASSWORD + "@127.0.0.1:5000/team/shop",
        "https://deployer:" + PASSWORD + "@127.0.0.1:5000/team/shop",
        "deployer:Hunter2/" + PASSWORD + "@127.0.0.1:5000/team/shop",
        GITHUB_TOKEN + "@127.0.0.1:5000/team/shop",
    };

    @Test
    void anImageWithASchemeButNoUserInformationIsRefusedForTheSchemeNotAsUserInformation() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ImageReference.parseCopySource("image", "https://127.0.0.1:5000/team/shop@" + DIGEST));
        InvalidConfigurationException user = assertThrows(
                InvalidConfigurationException.class,
                () -> ImageReference.parse("image", "https://deployer:" + PASSWORD + "@127.0.0.1:5000"));

        assertTrue(e.getMessage().contains("must not start with a scheme such as 'https://'"), e.getMessage());
        assertEquals("Image " + USER_INFO_REFUSED, user.getMessage());
        assertNoSecret(e, user);
    }

    @ParameterizedTest(name = "model parse refuses [{index}] without echoing it")
    @ValueSource(ints = {0, 1, 2, 3})
    void theModelRefusesAnImageWithUserInformationWithoutEchoingIt(int which) {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ImageReference.parse("image", USER_INFO_IMAGES[which] + "@" + DIGEST));

        assertEquals("Image " + USER_INFO_REFUSED, e.getMessage());
        assertEquals("image", e.field());
        assertNoSecret(e);
    }

    @ParameterizedTest(name = "registry parse refuses [{index}] without echoing it")
    @ValueSource(ints = {0, 1, 2, 3})
    void theRegistryClientRefusesAnImageWithUserInformationWithoutEchoingIt(int which) {
        IllegalArgumentException digest = assertThrows(
                IllegalArgumentException.class,
                () -> ImageReference.parseCopySource("image", USER_INFO_IMAGES[which] + "@" + DIGEST));
        IllegalArgumentException tag = assertThrows(
                IllegalArgumentException.class,
                () -> ImageReference.parseCopyTarget("targetImage", USER_INFO_IMAGES[which] + ":prod"));

        assertEquals("Image " + USER_INFO_REFUSED, digest.getMessage());
        assertEquals("Image " + USER_INFO_REFUSED, tag.getMessage());
        assertNoSecret(digest, tag);
    }

    @ParameterizedTest(name = "deployPreview refuses image [{index}]: no secret, no request, no ledger line")
    @ValueSource(ints = {0, 1, 2, 3})
    void deployPreviewRefusesAnImageWithUserInformationBeforeAnyRequest(int which) throws Exception {
        try (MockKubernetesApi api = MockKubernetesApi.start()) {
            PreviewFixture fixture = new PreviewFixture(dir, api, "127.0.0.1:5000");
            StepContext context = previewContext();
            DeployPreviewStep step = new DeployPreviewStep("shop");
            step.setImage(USER_INFO_IMAGES[which] + "@" + DIGEST);
            step.setManifests("manifests");
            step.setWait(false);

            AbortException e = assertThrows(
                    AbortException.class, () -> PreviewSteps.deploy(step, context, previewBackend(fixture, api)));

            assertEquals("Image " + USER_INFO_REFUSED, e.getMessage());
            assertEquals(List.of(), api.requests(), "nothing was sent to the cluster");
            assertEquals(List.of(), fixture.ledger.events());
            assertNoSecret(e, log(), fixture.ledger.file());
        }
    }

    @ParameterizedTest(name = "promoteDigest refuses image [{index}]: no secret, no ledger line")
    @ValueSource(ints = {0, 1, 2, 3})
    void promoteDigestRefusesAnImageWithUserInformation(int which) throws Exception {
        Ledger ledger = Ledger.open(dir.resolve("ledger.jsonl"), Clock.systemUTC());
        PromoteDigestStep step = new PromoteDigestStep("staging");
        step.setApp("shop");
        step.setImage(USER_INFO_IMAGES[which]);
        step.setDigest(DIGEST);

        AbortException e = assertThrows(
                AbortException.class, () -> PromotionSteps.promote(step, promotionContext(), promotionBackend(ledger)));

        assertEquals("Image " + USER_INFO_REFUSED, e.getMessage());
        assertEquals(List.of(), ledger.events());
        assertNoSecret(e, log(), ledger.file());
    }

    @Test
    void promoteDigestRefusesATargetImageWithUserInformation() throws Exception {
        Ledger ledger = Ledger.open(dir.resolve("ledger.jsonl"), Clock.systemUTC());
        PromoteDigestStep step = new PromoteDigestStep("staging");
        step.setApp("shop");
        step.setImage("127.0.0.1:5000/team/shop");
        step.setDigest(DIGEST);
        step.setTargetImage("deployer:" + PASSWORD + "@127.0.0.1:5000/team/shop-prod");

        AbortException e = assertThrows(
                AbortException.class, () -> PromotionSteps.promote(step, promotionContext(), promotionBackend(ledger)));

        assertEquals("Target image " + USER_INFO_REFUSED, e.getMessage());
        assertNoSecret(e, log(), ledger.file());
    }

    @ParameterizedTest(name = "promoteDigest against a registry answering {0} that echoes the password")
    @ValueSource(ints = {401, 404, 500})
    void promoteDigestAgainstARegistryThatEchoesThePasswordLeavesItNowhere(int status) throws Exception {
        Ledger ledger = Ledger.open(dir.resolve("ledger.jsonl"), Clock.systemUTC());
        String host = registry(Map.of(
                "*",
                answer(
                        status,
                        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"deployer:" + PASSWORD
                                + " is not allowed; Authorization: Basic ZGVwbG95ZXI6" + PASSWORD + "\"}]}",
                        "WWW-Authenticate",
                        "Basic realm=\"" + PASSWORD + "\"")));
        PromoteDigestStep step = new PromoteDigestStep("staging");
        step.setApp("shop");
        step.setImage(host + "/team/shop");
        step.setDigest(DIGEST);

        AbortException e = assertThrows(
                AbortException.class,
                () -> PromotionSteps.promote(step, promotionContext(), promotionBackend(ledger, host)));

        assertTrue(log().contains("[promoteDigest] FAIL digest-exists: "), log());
        assertNoSecret(e, log(), ledger.file(), ledger.events());
    }

    // ---- token service and registry answers ----

    /** A registry on loopback whose answers the test scripts, path by path ({@code *} for any other path). */
    private String registry(Map<String, Consumer<HttpExchange>> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                Consumer<HttpExchange> route =
                        routes.getOrDefault(exchange.getRequestURI().getPath(), routes.get("*"));
                if (route == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    route.accept(exchange);
                }
            }
        });
        server.start();
        servers.add(server);
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static Consumer<HttpExchange> answer(int status, String body, String... headers) {
        return exchange -> {
            try {
                for (int i = 0; i < headers.length; i += 2) {
                    exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** Answers 401 with a bearer challenge until the request carries the token, then {@code then}. */
    private static Consumer<HttpExchange> bearer(String realm, Consumer<HttpExchange> then) {
        return exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                answer(401, "", "WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"r\"")
                        .accept(exchange);
            } else {
                then.accept(exchange);
            }
        };
    }

    private static RegistryAccess basic(String host) {
        return new RegistryAccess(
                "hub", host, true, new RegistryCredential.Basic("deployer", PASSWORD.toCharArray()), "hub-login");
    }

    private static String realm(String host) {
        return "http://" + host + "/token";
    }

    @ParameterizedTest(name = "a token with {0} is refused without showing it")
    @ValueSource(strings = {"CR LF", "LF", "a space", "NUL", "DEL"})
    void aTokenThatCannotBeAHeaderIsRefusedWithoutShowingIt(String what) throws Exception {
        String broken =
                switch (what) {
                    case "CR LF" -> TOKEN + "\r\nX-Injected: yes";
                    case "LF" -> TOKEN + "\nX-Injected: yes";
                    case "a space" -> TOKEN + " second-part";
                    case "NUL" -> TOKEN + "\u0000";
                    default -> TOKEN + "\u007f";
                };
        Map<String, Consumer<HttpExchange>> routes = new java.util.HashMap<>();
        routes.put("/token", answer(200, "{\"token\":\"" + json(broken) + "\"}"));
        String registry = registry(routes);
        routes.put("/v2/", bearer(realm(registry), answer(200, "{}")));

        try (RegistrySession session = new RegistrySession(basic(registry))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);

            assertEquals(
                    "Registry 'hub' at " + registry + ": token service http://" + registry + "/token answered a token"
                            + " that cannot be sent in an HTTP header (it holds a line break, a space or a character"
                            + " outside visible ASCII)",
                    e.getMessage());
            assertNoSecret(e);
        }
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    @ParameterizedTest(name = "the token service answering HTTP {0} with the password in its body")
    @ValueSource(ints = {401, 403, 500})
    void aTokenServiceThatEchoesThePasswordInItsBodyIsNotQuoted(int status) throws Exception {
        String[] self = new String[1];
        Map<String, Consumer<HttpExchange>> routes = new java.util.HashMap<>();
        routes.put("/token", answer(status, "{\"details\":\"login deployer:" + PASSWORD + " refused\"}"));
        self[0] = registry(routes);
        routes.put("/v2/", bearer(realm(self[0]), answer(200, "{}")));

        try (RegistrySession session = new RegistrySession(basic(self[0]))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);

            assertTrue(e.getMessage().startsWith("Registry 'hub' at " + self[0] + ": token service"), e.getMessage());
            assertNoSecret(e);
        }
    }

    @ParameterizedTest(name = "registry error {0} that echoes the password is masked")
    @ValueSource(ints = {400, 401, 403, 500, 503})
    void aRegistryErrorBodyThatEchoesThePasswordIsMasked(int status) throws Exception {
        String body = "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"user deployer with password " + PASSWORD
                + " may not pull\"}]}";
        String host = registry(Map.of(
                "/v2/team/app/manifests/1.0",
                status == 401 ? answer(401, body, "WWW-Authenticate", "Basic realm=\"hub\"") : answer(status, body)));

        try (RegistrySession session = new RegistrySession(basic(host))) {
            RegistryAccessException e = assertThrows(
                    RegistryAccessException.class, () -> new RegistryClient(session).getManifest("team/app", "1.0"));

            assertNoSecret(e);
            if (status != 401) {
                assertEquals(
                        "Registry 'hub' at " + host + " answered GET /v2/team/app/manifests/1.0 with HTTP " + status
                                + " DENIED (user deployer with password **** may not pull)",
                        e.getMessage());
            }
        }
    }

    @Test
    void aRegistryErrorBodyThatEchoesTheIssuedTokenOrAHeaderIsMasked() throws Exception {
        String[] self = new String[1];
        Map<String, Consumer<HttpExchange>> routes = new java.util.HashMap<>();
        routes.put("/token", answer(200, "{\"token\":\"" + TOKEN + "\"}"));
        self[0] = registry(routes);
        routes.put(
                "/v2/team/app/manifests/1.0",
                bearer(
                        realm(self[0]),
                        answer(
                                500,
                                "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"token " + TOKEN
                                        + " expired; Authorization: Bearer " + TOKEN + "\"}]}")));

        try (RegistrySession session = new RegistrySession(basic(self[0]))) {
            RegistryAccessException e = assertThrows(
                    RegistryAccessException.class, () -> new RegistryClient(session).getManifest("team/app", "1.0"));

            assertEquals(
                    "Registry 'hub' at " + self[0] + " answered GET /v2/team/app/manifests/1.0 with HTTP 500 UNKNOWN"
                            + " (token **** expired; Authorization: ****",
                    e.getMessage());
            assertNoSecret(e);
        }
    }

    @Test
    void aTokenRealmWithUserInformationIsNotEchoed() throws Exception {
        String host = registry(Map.of(
                "/v2/",
                answer(
                        401,
                        "",
                        "WWW-Authenticate",
                        "Bearer realm=\"ftp://deployer:" + PASSWORD + "@auth.example/t\"")));

        try (RegistrySession session = new RegistrySession(basic(host))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);

            assertEquals(
                    "Registry 'hub' at " + host + " names a token realm that is not an HTTP(S) URL:"
                            + " ftp://****@auth.example/t",
                    e.getMessage());
            assertNoSecret(e);
        }
    }

    @Test
    void anUnreadableChallengeThatCarriesThePasswordIsNotEchoed() throws Exception {
        String host = registry(Map.of("/v2/", answer(401, "", "WWW-Authenticate", "Bearer realm=\"" + PASSWORD)));

        try (RegistrySession session = new RegistrySession(basic(host))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);

            assertTrue(e.getMessage().contains("unreadable WWW-Authenticate header"), e.getMessage());
            assertNoSecret(e);
        }
    }

    @Test
    void aRequestToAnUnreachableRegistryNamesItWithoutTheRequestsQuery() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (RegistrySession session = new RegistrySession(basic("127.0.0.1:" + port))) {
            RegistryAccessException e = assertThrows(
                    RegistryAccessException.class,
                    () -> session.send(RegistryRequest.get("/v2/team/app/blobs/uploads/x?access_token=" + TOKEN)));

            assertTrue(e.getMessage().contains("is unreachable"), e.getMessage());
            assertNoSecret(e);
        }
    }

    // ---- cluster ----

    /** An API server on loopback that refuses every request with a Status that echoes the token it was sent. */
    private String echoingApiServer(int status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String authorization =
                        String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
                answer(
                                status,
                                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\""
                                        + "credential '" + authorization.replace("Bearer ", "")
                                        + "' is not valid; header was " + authorization + "\",\"code\":" + status
                                        + "}",
                                "Content-Type",
                                "application/json")
                        .accept(exchange);
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @ParameterizedTest(name = "a cluster answering HTTP {0} that echoes the bearer token")
    @ValueSource(ints = {401, 403, 500})
    void aClusterThatEchoesTheTokenLeavesItInNoMessage(int status) throws Exception {
        String server = echoingApiServer(status);

        try (ClusterAccess access = new ClusterAccess(
                "dev", server, null, false, new ClusterCredential.Token(TOKEN.toCharArray()), "k8s-token")) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));

            assertTrue(e.getMessage().startsWith("Cluster 'dev' at " + server), e.getMessage());
            assertTrue(e.getMessage().contains("credentials 'k8s-token'"), e.getMessage());
            assertNoSecret(e);
        }
    }

    @Test
    void anUnreachableClusterWhoseUrlHoldsUserInformationIsNamedWithoutIt() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String server = "http://admin:" + PASSWORD + "@127.0.0.1:" + port;

        try (ClusterAccess access = new ClusterAccess(
                "dev", server, null, false, new ClusterCredential.Token(TOKEN.toCharArray()), "k8s-token")) {
            ClusterAccessException e =
                    assertThrows(ClusterAccessException.class, () -> ClusterProbe.serverVersion(access));

            assertTrue(e.getMessage().startsWith("Cluster 'dev' at http://****@127.0.0.1:" + port), e.getMessage());
            assertNoSecret(e);
        }
    }

    // ---- git ----

    @Test
    void aGitRemoteWithAPasswordIsRefusedWithoutIt() {
        IllegalArgumentException access = assertThrows(
                IllegalArgumentException.class,
                () -> new GitAccess(
                        "https://deployer:" + PASSWORD + "@git.example.com/team/deploy.git",
                        new GitCredential.Anonymous(),
                        null));
        InvalidConfigurationException target = assertThrows(
                InvalidConfigurationException.class,
                () -> new GitOpsTarget(
                        "https://" + GITHUB_TOKEN + "@git.example.com/team/deploy.git",
                        "gitops-login",
                        null,
                        "values.yaml",
                        "image.digest"));

        assertEquals("the repository URL must not contain a password; use credentials", access.getMessage());
        assertEquals(
                "Repository URL must not contain a token or password; put it in Jenkins credentials",
                target.getMessage());
        assertNoSecret(access, target);
    }

    @Test
    void aFailingGitRemoteWhosePathHoldsATokenAndWhoseCredentialHoldsThePasswordLeaksNeither() throws Exception {
        String url = dir.resolve(GITHUB_TOKEN).resolve("deploy.git").toUri().toString();
        GitOpsTarget target = new GitOpsTarget(url, "gitops-login", null, "values.yaml", "image.digest");
        GitAccess access =
                new GitAccess(url, new GitCredential.UsernamePassword("deployer", PASSWORD.toCharArray()), "login");
        GitOpsRequest request = new GitOpsRequest(
                "shop",
                DIGEST,
                "staging",
                "prod",
                "https://ci.example.com/job/shop/1/",
                List.of(),
                null,
                new GitIdentity("Alice", "alice@example.com"),
                new GitIdentity("Jenkins", "jenkins@example.com"));

        GitOpsException e = assertThrows(
                GitOpsException.class,
                () -> new GitOpsPromotion(Clock.systemUTC(), dir).promote(target, access, request));

        assertTrue(e.getMessage().startsWith("Could not reach the GitOps repository"), e.getMessage());
        assertNoSecret(e);
    }

    // ---- helm printing a secret ----

    /**
     * A chart's template prints a secret it reads from a file of the chart (not a values file, which the secret scan
     * refuses before helm runs), in several shapes.
     */
    @ParameterizedTest(name = "helm fails printing the secret {0}")
    @ValueSource(strings = {"as YAML", "as key=value", "as a token", "as a URL"})
    void helmFailingWhilePrintingASecretValueShowsItMasked(String how) throws Exception {
        Path root = Files.createDirectories(dir.resolve("ws"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(root.resolve("chart/templates"));
        Files.createDirectories(root.resolve("chart/files"));
        Files.writeString(root.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: shop\nversion: 0.1.0\n");
        Files.writeString(root.resolve("chart/files/a.txt"), PASSWORD + "\n");
        Files.writeString(root.resolve("chart/files/b.txt"), GITHUB_TOKEN.substring(4) + "\n");
        String read = "(.Files.Get \"files/a.txt\" | trim)";
        String template =
                switch (how) {
                    case "as YAML" -> "{{ fail (dict \"password\" " + read + " | toYaml) }}";
                    case "as key=value" -> "{{ fail (printf \"password=%s\" " + read + ") }}";
                    case "as a token" -> "{{ fail (printf \"bad token ghp_%s\" (.Files.Get \"files/b.txt\" | trim)) }}";
                    default -> "{{ fail (printf \"cannot reach https://app:%s@db.example.com/shop\" " + read + ") }}";
                };
        Files.writeString(root.resolve("chart/templates/x.yaml"), template + "\n");
        try (KubernetesCli cli = KubernetesCli.create()) {
            Renderer renderer = new Renderer(
                    new ProcessCommandRunner(),
                    new LocalWorkspace(root),
                    Map.of(
                            "HOME",
                            home.toString(),
                            "XDG_CACHE_HOME",
                            home.resolve("cache").toString()),
                    Duration.ofMinutes(1));

            RenderException e = assertThrows(
                    RenderException.class,
                    () -> renderer.render(RenderRequest.chart(
                            "chart",
                            "shop",
                            "pr-1",
                            List.of(),
                            Map.of(),
                            cli.helm().toString())));

            assertTrue(e.getMessage().startsWith("helm template failed with exit code 1: "), e.getMessage());
            assertTrue(e.getMessage().contains("****"), e.getMessage());
            assertNoSecret(e);
        }
    }

    // ---- ledger, log, result ----

    @Test
    void theLedgerWriterMasksSecretsInEveryValueAndKeepsLineBreaks() throws Exception {
        Ledger ledger = Ledger.open(dir.resolve("ledger.jsonl"), Clock.systemUTC());

        ledger.append(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "prod")
                .time(Instant.parse("2026-12-01T00:00:00Z"))
                .url("https://deployer:" + PASSWORD + "@r.example.com/v2/")
                .reason("failed\r\nAuthorization: Bearer " + TOKEN)
                .detail("target", GITHUB_TOKEN + "@127.0.0.1:5000/team/shop:prod")
                .detail("access_token", "see body")
                .detail("note", "{\"token\": \"" + TOKEN + "\"}"));

        LedgerEvent read = ledger.events().get(0);
        assertEquals("https://****@r.example.com/v2/", read.url());
        assertEquals("failed\r\nAuthorization: ****", read.reason());
        assertEquals("{\"token\": \"****\"}", read.details().get("note"));
        assertNoSecret(ledger.file(), read);
    }

    @Test
    void theStepLogMasksEachLine() {
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));

        Redacted.log(listener, "deployPreview")
                .accept("pushing with password=" + PASSWORD + " to https://u:" + PASSWORD + "@r.example");
        Redacted.lines(line -> log.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8)))
                .accept("token " + GITHUB_TOKEN + "\r\n[deployPreview] forged line");

        assertEquals(
                "[deployPreview] pushing with password=**** to https://****@r.example\n"
                        + "token ****\\u000D\n[deployPreview] forged line\n",
                log());
        assertNoSecret(log());
    }

    @Test
    void theStepResultAndAbortAreMasked() {
        Map<String, Object> result = Redacted.result(Map.of(
                "url",
                "https://u:" + PASSWORD + "@pr-1.example.com",
                "gates",
                List.of(Map.of("detail", "token=" + TOKEN)),
                "changed",
                true));
        AbortException abort = Redacted.abort(new IllegalStateException("Bearer " + TOKEN + " refused"));
        AbortException notFound = Redacted.abort(Messages.CredentialsResolver_NotFound(GITHUB_TOKEN));

        assertEquals("https://****@pr-1.example.com", result.get("url"));
        assertEquals(List.of(Map.of("detail", "token=****")), result.get("gates"));
        assertEquals(true, result.get("changed"));
        assertEquals("Bearer **** refused", abort.getMessage());
        assertEquals(
                "Cannot find credentials '****' among the global credentials of Jenkins itself, where the credentials"
                        + " of the configuration are looked up (build parameters and folder credentials are not"
                        + " consulted).",
                notFound.getMessage());
        assertNoSecret(result, abort, notFound);
    }

    @Test
    void everyExceptionTypeOfThePluginMasksItsMessageAndCause() {
        IOException cause = new IOException("GET https://u:" + PASSWORD + "@r.example failed");
        cause.addSuppressed(new IllegalStateException("Authorization: Basic " + PASSWORD));
        List<Throwable> made = List.of(
                new io.jenkins.plugins.environments.preview.PreviewException("password=" + PASSWORD, cause),
                new io.jenkins.plugins.environments.promotion.PromotionException("token " + GITHUB_TOKEN, cause),
                new GitOpsException("remote https://" + GITHUB_TOKEN + "@git.example", cause),
                new RenderException("helm said: password: " + PASSWORD, cause),
                new ClusterAccessException("Bearer " + TOKEN + " refused", cause),
                new RegistryAccessException("{\"access_token\":\"" + TOKEN + "\"}", cause),
                new InvalidConfigurationException("image", "user:" + PASSWORD + "@r.example/app"),
                new io.jenkins.plugins.environments.kubernetes.ClusterWaitTimeoutException(
                        "Rollout not done",
                        Duration.ofMinutes(1),
                        List.of("Pod web: pull from https://u:" + PASSWORD + "@r.example failed")));

        assertNoSecret(made.toArray());
    }

    // ---- contexts and backends for the steps ----

    private StepContext previewContext() throws Exception {
        StepContext context = mock(StepContext.class);
        Run<?, ?> run = mock(Run.class);
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("shop/PR-7");
        doReturn(job).when(run).getParent();
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        EnvVars environment = mock(EnvVars.class);
        when(environment.get("CHANGE_ID")).thenReturn("7");
        when(context.get(Run.class)).thenReturn((Run) run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.get(EnvVars.class)).thenReturn(environment);
        when(context.get(FilePath.class)).thenReturn(mock(FilePath.class));
        when(context.get(Launcher.class)).thenReturn(mock(Launcher.class));
        return context;
    }

    private static PreviewBackend previewBackend(PreviewFixture fixture, MockKubernetesApi api) {
        return new FixturePreviewBackend(fixture, api, fixture.configuration(0, WhenFull.QUEUE));
    }

    private StepContext promotionContext() throws Exception {
        StepContext context = mock(StepContext.class);
        Run<?, ?> run = mock(Run.class);
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("shop/main");
        doReturn(job).when(run).getParent();
        TaskListener listener = mock(TaskListener.class);
        when(listener.getLogger()).thenReturn(new PrintStream(log, true, StandardCharsets.UTF_8));
        when(context.get(Run.class)).thenReturn((Run) run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.get(EnvVars.class)).thenReturn(mock(EnvVars.class));
        return context;
    }

    private PromotionBackend promotionBackend(Ledger ledger) {
        return promotionBackend(ledger, null);
    }

    /** @param registryHost the registry that sessions reach with the password, or {@code null} to allow no session */
    private PromotionBackend promotionBackend(Ledger ledger, String registryHost) {
        EnvironmentsConfiguration configuration =
                RegistryOnlyPromotionBackend.staging(registryHost == null ? "127.0.0.1:5000" : registryHost, "shop");

        return new RegistryOnlyPromotionBackend(configuration, ledger, dir, r -> {
            if (registryHost == null) {
                throw new AssertionError("a refused request opens no registry session");
            }
            return new RegistrySession(new RegistryAccess(
                    r.id(),
                    r.host(),
                    true,
                    new RegistryCredential.Basic("deployer", PASSWORD.toCharArray()),
                    "builds-login"));
        });
    }
}
