package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.registry.EmulatedTokenRegistry.Seen;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token flow of {@link RegistrySession}. The server is {@link EmulatedTokenRegistry}, a JDK HTTP server
 * that emulates the distribution spec's token authentication (challenge, realm, service, scope, token exchange):
 * Debian's docker-registry can only do token auth with a signing setup of its own, which these tests do without.
 */
class RegistryTokenFlowTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "s3cret-Pa55";

    private EmulatedTokenRegistry registry;

    @BeforeEach
    void start() throws Exception {
        registry = new EmulatedTokenRegistry(USER, PASSWORD);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void pingExchangesBasicCredentialsForAToken() throws Exception {
        try (RegistrySession session = new RegistrySession(access(PASSWORD))) {
            assertEquals(
                    "Registry 'emulated' at " + registry.host() + " answered /v2/ (token auth via " + registry.realm()
                            + ")",
                    session.ping());
        }
        List<Seen> tokenRequests = registry.seen("/token");
        assertEquals(1, tokenRequests.size());
        assertEquals(
                "service=" + EmulatedTokenRegistry.SERVICE, tokenRequests.get(0).query());
        assertEquals(basic(USER, PASSWORD), tokenRequests.get(0).authorization());
        List<Seen> pings = registry.seen("/v2/");
        assertEquals(2, pings.size());
        assertNull(pings.get(0).authorization());
        assertEquals("Bearer tok-1", pings.get(1).authorization());
    }

    @Test
    void aNewScopeInALaterChallengeTriggersANewExchangeAndTheTokenIsReused() throws Exception {
        try (RegistrySession session = new RegistrySession(access(PASSWORD))) {
            session.ping();
            HttpResponse<byte[]> manifest = session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH));
            assertEquals(200, manifest.statusCode());
            assertEquals(EmulatedTokenRegistry.MANIFEST, new String(manifest.body(), StandardCharsets.UTF_8));
            session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH));
        }
        List<Seen> tokenRequests = registry.seen("/token");
        assertEquals(2, tokenRequests.size(), "one exchange for /v2/, one for the repository scope");
        assertEquals(
                "service=" + EmulatedTokenRegistry.SERVICE + "&scope=repository%3Ateam%2Fapp%3Apull",
                tokenRequests.get(1).query());
        List<String> manifestAuthorizations = registry.seen(EmulatedTokenRegistry.MANIFEST_PATH).stream()
                .map(Seen::authorization)
                .toList();
        assertEquals(List.of("Bearer tok-1", "Bearer tok-2", "Bearer tok-2"), manifestAuthorizations);
    }

    @Test
    void acceptsAnAccessTokenField() throws Exception {
        registry.answerWithAccessToken();
        try (RegistrySession session = new RegistrySession(access(PASSWORD))) {
            assertEquals(
                    200,
                    session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH))
                            .statusCode());
        }
        assertEquals(
                "Bearer tok-1",
                registry.seen(EmulatedTokenRegistry.MANIFEST_PATH).get(1).authorization());
    }

    @Test
    void anExpiredTokenIsExchangedAgain() throws Exception {
        try (RegistrySession session = new RegistrySession(access(PASSWORD))) {
            assertEquals(
                    200,
                    session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH))
                            .statusCode());
            registry.expireTokens();
            assertEquals(
                    200,
                    session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH))
                            .statusCode());
        }
        assertEquals(2, registry.seen("/token").size());
        assertEquals(
                "Bearer tok-2",
                registry.seen(EmulatedTokenRegistry.MANIFEST_PATH).get(3).authorization());
    }

    @Test
    void aWrongPasswordIsRejectedByTheTokenServiceWithAClearMessage() {
        String wrong = "not-the-Pa55word";
        try (RegistrySession session = new RegistrySession(access(wrong))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertEquals(
                    "Registry 'emulated' at " + registry.host() + ": token service " + registry.realm()
                            + " rejected credentials 'robot-login' (HTTP 401)",
                    e.getMessage());
            assertFalse(e.getMessage().contains(wrong));
        }
    }

    @Test
    void anonymousAccessIsToldThatTheRegistryRequiresCredentials() {
        RegistryAccess anonymous =
                new RegistryAccess("emulated", registry.host(), true, new RegistryCredential.Anonymous(), null);
        try (RegistrySession session = new RegistrySession(anonymous)) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertTrue(
                    e.getMessage().startsWith("Registry 'emulated' at " + registry.host() + " requires credentials"),
                    e.getMessage());
        }
        assertNull(registry.seen("/token").get(0).authorization(), "nothing to send");
    }

    @Test
    void basicCredentialsAreNotSentInTheClearToARealmOnAnotherHost() {
        registry.realm("http://localhost:" + registry.host().split(":")[1] + "/token");
        try (RegistrySession session = new RegistrySession(access(PASSWORD))) {
            RegistryAccessException e = assertThrows(RegistryAccessException.class, session::ping);
            assertTrue(e.getMessage().contains("over plain HTTP on another host; refused"), e.getMessage());
            assertTrue(e.getMessage().contains("credentials 'robot-login'"), e.getMessage());
        }
        assertEquals(List.of(), registry.seen("/token"));
    }

    private RegistryAccess access(String password) {
        return new RegistryAccess(
                "emulated",
                registry.host(),
                true,
                new RegistryCredential.Basic(USER, password.toCharArray()),
                "robot-login");
    }

    private static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
