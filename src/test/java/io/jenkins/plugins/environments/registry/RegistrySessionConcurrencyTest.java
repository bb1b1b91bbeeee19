package io.jenkins.plugins.environments.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One {@link RegistrySession} used by several threads at once, as the transfers of a parallel copy use it: requests
 * meeting the same 401 together cause one token request for their scope, which all of them then use.
 */
class RegistrySessionConcurrencyTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final int THREADS = 8;

    private EmulatedTokenRegistry registry;
    private ExecutorService threads;

    @BeforeEach
    void start() throws Exception {
        registry = new EmulatedTokenRegistry(USER, PASSWORD);
        threads = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        registry.close();
    }

    private RegistrySession session() {
        return new RegistrySession(new RegistryAccess(
                "emulated",
                registry.host(),
                true,
                new RegistryCredential.Basic(USER, PASSWORD.toCharArray()),
                "robot-login"));
    }

    /** Sends the manifest request from {@link #THREADS} threads released at once; returns the statuses. */
    private List<Integer> together(RegistrySession session) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<Integer> send = () -> {
                go.await();
                return session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH))
                        .statusCode();
            };
            answers.add(threads.submit(send));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }

    @Test
    void threadsMeetingThe401TogetherFetchOneTokenForTheScopeAndAllUseIt() throws Exception {
        try (RegistrySession session = session()) {
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), together(session));

            assertEquals(
                    1, registry.seen("/token").size(), () -> registry.seen().toString());
            assertEquals(1, session.tokensFetched());
            assertEquals(
                    registry.seen(EmulatedTokenRegistry.MANIFEST_PATH).size(),
                    session.requestsSent(),
                    "the counter saw every request of every thread, the 401s included");
        }
    }

    @Test
    void anExpiredTokenIsReplacedOnceWhenSeveralThreadsFindItRefused() throws Exception {
        try (RegistrySession session = session()) {
            assertEquals(
                    200,
                    session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH))
                            .statusCode());
            registry.expireTokens();

            assertEquals(List.of(200, 200, 200, 200, 200, 200, 200, 200), together(session));

            assertEquals(2, registry.seen("/token").size(), "the first token and one replacement");
            assertEquals(2, session.tokensFetched());
        }
    }

    @Test
    void aClosedSessionSendsNothingMore() throws Exception {
        RegistrySession session = session();
        assertEquals(
                200,
                session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH))
                        .statusCode());
        int seen = registry.seen().size();
        session.close();

        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> session.send(RegistryRequest.get(EmulatedTokenRegistry.MANIFEST_PATH)));
        assertEquals("the registry session is closed", e.getMessage());
        assertEquals(seen, registry.seen().size());
    }
}
