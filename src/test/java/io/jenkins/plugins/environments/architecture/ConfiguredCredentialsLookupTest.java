package io.jenkins.plugins.environments.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.jenkins.CredentialsResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, class 3, as a rule on the compiled plugin (runs here, where no Jenkins can): credentials the administrator
 * configured are never looked up in a run's context. {@code findCredentialById(id, type, run, …)} lets a credentials
 * build parameter or a folder credential with the same id win over the administrator's; the plugin must not call it.
 * {@link CredentialsResolver} looks them up in Jenkins' own store ({@code lookupCredentialsInItemGroup}) and still
 * records their use ({@code track}). {@code CredentialsResolverSystemStoreTest} checks the behaviour with mocks in the
 * real build.
 */
class ConfiguredCredentialsLookupTest {

    private static Path mainClasses() throws Exception {
        return Path.of(CredentialsResolver.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    private static String constants(Path classFile) throws IOException {
        return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    }

    @Test
    void noClassOfThePluginResolvesCredentialsInARunsContext() throws Exception {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(mainClasses())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                if (constants(file).contains("findCredentialById")) {
                    offenders.add(mainClasses().relativize(file).toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "classes calling findCredentialById");
    }

    @Test
    void theResolverLooksInJenkinsOwnStoreAsTheSystemAndTracksTheUse() throws Exception {
        String resolver;
        try (InputStream in = CredentialsResolver.class.getResourceAsStream("CredentialsResolver.class")) {
            resolver = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        assertTrue(resolver.contains("lookupCredentialsInItemGroup"), "looks up in an item group (Jenkins itself)");
        assertTrue(resolver.contains("SYSTEM2"), "as the system");
        assertTrue(resolver.contains("track"), "records the use against the run");
    }
}
