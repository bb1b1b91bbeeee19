package io.jenkins.plugins.environments.registry;

import io.jenkins.plugins.environments.testing.CountingProxy;
import io.jenkins.plugins.environments.testing.DockerRegistry;
import java.util.stream.Stream;

/**
 * The two ends of the copy tests: a source registry without authentication and a target registry with basic
 * authentication (a promoter's account), each reached through a counting proxy by sessions made fresh for every test.
 */
final class CopySessions {

    static final String USER = "promoter";
    static final String PASSWORD = "Pr0mote-Only-Digests";

    private CopySessions() {}

    /** @return the target registry, asking for {@link #USER} and {@link #PASSWORD} */
    static DockerRegistry startTarget() {
        return DockerRegistry.startWithBasicAuth(USER, PASSWORD);
    }

    /** @return an anonymous session to the source registry, through its proxy (whose counts start again) */
    static RegistrySession source(CountingProxy proxy) {
        proxy.reset();
        return new RegistrySession(
                new RegistryAccess("source", proxy.host(), true, new RegistryCredential.Anonymous(), null));
    }

    /** @return a session to the target registry as the promoter, through its proxy (whose counts start again) */
    static RegistrySession target(CountingProxy proxy) {
        proxy.reset();
        return new RegistrySession(new RegistryAccess(
                "target",
                proxy.host(),
                true,
                new RegistryCredential.Basic(USER, PASSWORD.toCharArray()),
                "target-push"));
    }

    /** Closes the sessions and wipes what their access held. */
    static void close(RegistrySession... sessions) {
        Stream.of(sessions).forEach(s -> {
            s.close();
            s.access().close();
        });
    }
}
