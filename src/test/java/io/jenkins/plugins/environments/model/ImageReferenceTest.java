package io.jenkins.plugins.environments.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12, item 4: the plugin's one image-reference parser and its one repository-name rule, which the previews,
 * promotion, the gates' registry paths and the registry client's copies all use.
 */
class ImageReferenceTest {

    private static final String D = "sha256:" + "cd".repeat(32);
    private static final String RULE =
            ": use '/'-separated lower-case letters and digits, joined by '.', '_', '__' or '-', such as 'team/app'";

    static Stream<Arguments> repositoryRule() {
        return Stream.of(
                Arguments.of("required", "", "Repository is required"),
                Arguments.of(
                        "noDotDotComponent", "team/../app", "Repository 'team/../app' has a '..' component" + RULE),
                Arguments.of("noDotComponent", "./app", "Repository './app' has a '.' component" + RULE),
                Arguments.of("noEmptyComponent", "team//app", "Repository 'team//app' has an empty component" + RULE),
                Arguments.of("noLeadingSlash", "/app", "Repository '/app' has an empty component" + RULE),
                Arguments.of("lowerCaseOnly", "Team/app", "Repository 'Team/app' has upper-case letters" + RULE),
                Arguments.of(
                        "separatorsOnlyBetweenLettersAndDigits",
                        "team/app-",
                        "Repository 'team/app-' has an invalid component 'app-'" + RULE),
                Arguments.of(
                        "atMostTwoUnderscores",
                        "te___am",
                        "Repository 'te___am' has an invalid component 'te___am'" + RULE),
                Arguments.of(
                        "atMost255Characters", "a".repeat(256), "Repository is 256 characters long: use at most 255"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("repositoryRule")
    void theOneRepositoryRuleSaysWhatIsWrong(String rule, String repository, String message) {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ImageReference.checkRepository("repository", "Repository", repository));
        assertEquals(message, e.getMessage());
        assertEquals("repository", e.field());
        assertFalse(ImageReference.isRepository(repository));
    }

    @Test
    void theRepositoryRuleAcceptsEverySeparatorTheSpecAllows() {
        String repository = "a/b.c/d_e/f__g/h-i/j---k/" + "x".repeat(200);
        assertEquals(repository, ImageReference.checkRepository("repository", "Repository", repository));
        assertTrue(ImageReference.isRepository(repository));
    }

    @Test
    void hostSlashAndRepositoryTogetherAreCappedAt255Characters() {
        String host = "registry.example.com"; // 20 characters, + '/' = 21
        ImageReference longest = ImageReference.parse("image", host + "/" + "a".repeat(234) + "@" + D);
        assertEquals(255, longest.name().length());

        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> ImageReference.parse("targetImage", host + "/" + "a".repeat(235) + ":prod"));
        assertEquals(
                "Image '" + host + "/" + "a".repeat(235) + "' is too long: host and repository are 256 characters, at"
                        + " most 255 are allowed",
                e.getMessage());
        assertEquals("targetImage", e.field());
    }

    @Test
    void aReferenceMayHoldATagAndADigestAndThenNamesTheManifestByTheDigest() {
        ImageReference both = new ImageReference("docker.io", "library/nginx", "1.27", D);
        assertEquals("docker.io/library/nginx:1.27@" + D, both.toString());
        assertEquals(D, both.reference());
        assertEquals("1.27", new ImageReference("docker.io", "library/nginx", "1.27", null).reference());
        assertEquals(
                "Image needs a tag or a digest",
                assertThrows(
                                InvalidConfigurationException.class,
                                () -> new ImageReference("docker.io", "library/nginx", null, null))
                        .getMessage());
    }

    @Test
    void aCopyNeedsTheRegistryHostWrittenOut() {
        String message = "Image 'team/app@" + D + "' does not start with a registry host: write host[:port]/repository,"
                + " such as 'registry.example.com/team/app@sha256:…'";
        assertEquals(
                message,
                assertThrows(
                                InvalidConfigurationException.class,
                                () -> ImageReference.parseCopySource("image", "team/app@" + D))
                        .getMessage());
        // The same text is a Docker Hub short name where Docker's normalisation applies.
        assertEquals(
                "docker.io/team/app",
                ImageReference.parse("image", "team/app@" + D).name());

        ImageReference local = ImageReference.parseCopyTarget("targetImage", "localhost/app:prod");
        assertEquals("localhost", local.registry());
        ImageReference hub = ImageReference.parseCopySource("image", "index.docker.io/library/nginx@" + D);
        assertEquals("docker.io", hub.registry());
        assertTrue(hub.isServedBy("registry-1.docker.io"));
        assertEquals("library/nginx", hub.repository());
        assertNull(hub.tag());
    }

    @Test
    void theCopyReadersTakeOnlyWhatACopyMoves() {
        assertEquals(
                "Image 'r.example.com/app:1.0' is a tag; promoteDigest moves only digests (sha256:...)",
                assertThrows(
                                InvalidConfigurationException.class,
                                () -> ImageReference.parseCopySource("image", "r.example.com/app:1.0"))
                        .getMessage());
        assertEquals(
                "Image 'r.example.com/app@" + D + "' names a digest; the target of a promotion is a repository and"
                        + " tag, such as 'host/app:prod'",
                assertThrows(
                                InvalidConfigurationException.class,
                                () -> ImageReference.parseCopyTarget("targetImage", "r.example.com/app@" + D))
                        .getMessage());
        assertEquals(
                "Image 'r.example.com/app:1.0@" + D + "' has both a tag and a digest: give only the digest",
                assertThrows(
                                InvalidConfigurationException.class,
                                () -> ImageReference.parse("image", "r.example.com/app:1.0@" + D))
                        .getMessage());
    }
}
