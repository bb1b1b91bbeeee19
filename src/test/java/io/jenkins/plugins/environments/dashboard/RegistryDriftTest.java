package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.environments.model.Registry;
import io.jenkins.plugins.environments.registry.RegistryAccess;
import io.jenkins.plugins.environments.registry.RegistryCredential;
import io.jenkins.plugins.environments.registry.TagDigestReader;
import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import io.jenkins.plugins.environments.testing.RegistryImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drift of {@code registry} cells, read by the real {@link TagDigestReader} from Debian's {@code docker-registry}
 * behind the counting proxy, which also plays a registry that never answers and one that is gone.
 */
class RegistryDriftTest {

    private static final String MANIFEST_HEAD = "HEAD /v2/*/manifests/*";

    private DockerRegistry registry;
    private CountingProxy proxy;
    private String promoted;
    private final DriftFixtures.ManualClock clock = new DriftFixtures.ManualClock();

    @BeforeEach
    void start() throws Exception {
        registry = DockerRegistry.start();
        proxy = CountingProxy.start(registry.host());
        promoted = RegistryImages.push(registry, "team/shop", "prod", "one");
    }

    @AfterEach
    void stop() {
        proxy.close();
        registry.close();
    }

    private DriftMonitor monitor(String tag, Duration deadline) {
        TagDigestReader reader = new TagDigestReader(
                List.of(new Registry("local", proxy.host(), null, true, false)),
                r -> new RegistryAccess(r.id(), r.host(), true, new RegistryCredential.Anonymous(), null));
        DriftMonitor monitor = new DriftMonitor(
                Map.of(DriftTarget.REGISTRY, reader),
                clock,
                System::nanoTime,
                Runnable::run,
                new DriftMonitor.Settings(2, Duration.ofMinutes(5), deadline));
        monitor.watch(List.of(DriftTarget.registry("shop", "prod", promoted, proxy.host() + "/team/shop", tag)));
        return monitor;
    }

    private static DriftReading readOnce(DriftMonitor monitor) {
        monitor.refresh();
        return monitor.reading("shop", "prod").orElseThrow();
    }

    @Test
    void theTagPointsToThePromotedDigestWithOneHead() {
        DriftReading reading = readOnce(monitor("prod", Duration.ofSeconds(30)));

        assertEquals(DriftStatus.SAME, reading.status());
        assertEquals(promoted, reading.liveDigest());
        assertEquals(1, proxy.requests(MANIFEST_HEAD), proxy::toString);
        assertEquals(1, proxy.requests(), "nothing but the HEAD");
    }

    @Test
    void aTagMovedByHandIsNamedWithWhereItPointsNow() throws Exception {
        DriftMonitor monitor = monitor("prod", Duration.ofSeconds(30));
        assertEquals(DriftStatus.SAME, readOnce(monitor).status());

        String byHand = RegistryImages.push(registry, "team/shop", "prod", "pushed by hand");
        clock.advance(Duration.ofMinutes(5));
        DriftReading reading = readOnce(monitor);

        assertEquals(DriftStatus.DIFFERENT, reading.status());
        assertEquals(byHand, reading.liveDigest());
        assertEquals(
                "tag 'prod' points to " + byHand.substring(0, 19) + ", not the promoted " + promoted.substring(0, 19),
                reading.message());
        assertEquals(DriftFixtures.T0.plus(Duration.ofMinutes(5)), reading.since());
    }

    @Test
    void aTagThatIsGoneIsDifferent() {
        DriftReading reading = readOnce(monitor("gone", Duration.ofSeconds(30)));

        assertEquals(DriftStatus.DIFFERENT, reading.status());
        assertNull(reading.liveDigest());
        assertEquals(
                "tag 'gone' no longer exists; the ledger says " + promoted.substring(0, 19) + " was promoted",
                reading.message());
    }

    @Test
    void aRegistryThatNeverAnswersIsUnreadableByTheDeadline() {
        proxy.inject(MANIFEST_HEAD, new CountingProxy.NeverAnswer(), Long.MAX_VALUE);
        DriftMonitor monitor = monitor("prod", Duration.ofSeconds(2));

        DriftReading reading = readOnce(monitor);

        assertEquals(DriftStatus.UNREADABLE, reading.status());
        assertEquals("registry 'local' did not answer within 2s", reading.message());
        assertEquals(1, proxy.requests(MANIFEST_HEAD), "asked once, not again and again");
        assertEquals(0, monitor.inFlight());
    }

    @Test
    void aRegistryThatIsGoneIsUnreadableWithoutItsHost() {
        DriftMonitor monitor = monitor("prod", Duration.ofSeconds(30));
        String host = proxy.host();
        proxy.close();

        DriftReading reading = readOnce(monitor);

        assertEquals(DriftStatus.UNREADABLE, reading.status());
        assertEquals("registry 'local' is unreachable (ConnectException)", reading.message());
        assertFalse(reading.message().contains(host), reading.message());
    }
}
