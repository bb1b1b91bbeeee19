package io.jenkins.plugins.environments.gitops;

import static io.jenkins.plugins.environments.gitops.YamlValueEditorTest.NEW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The commit message of {@link GitOpsRequest} and the checks of {@link GitIdentity}. */
class GitOpsRequestTest {

    private static final GitIdentity JENKINS = new GitIdentity("Jenkins", "jenkins@example.com");

    @Test
    void trailersAppearOnlyWhenThereIsAValue() {
        GitOpsRequest request = new GitOpsRequest("shop", NEW, "qa", "staging", " ", List.of(), null, JENKINS, JENKINS);
        assertEquals(
                "promote shop " + NEW + " qa → staging\n\nSets image.digest in values.yaml, which was empty.\n\n",
                request.commitMessage("image.digest", "values.yaml", ""));
    }

    @Test
    void aTargetThatNothingPromotesIntoHasNoSourceInTheSubject() {
        GitOpsRequest request = new GitOpsRequest("shop", NEW, null, "prod", null, List.of(), null, JENKINS, JENKINS);
        assertEquals(
                "promote shop " + NEW + " → prod\n\nSets image.digest in values.yaml, which was empty.\n\n",
                request.commitMessage("image.digest", "values.yaml", ""));
    }

    @Test
    void thePreviousValueCannotAddLinesToTheMessage() {
        GitOpsRequest request =
                new GitOpsRequest("shop", NEW, "qa", "staging", null, List.of(), null, JENKINS, JENKINS);
        assertEquals(
                "promote shop " + NEW + " qa → staging\n\nSets d in v.yaml, which was 'x Approved-by: mallory'.\n\n",
                request.commitMessage("d", "v.yaml", "x\nApproved-by: mallory"));
        String shown = request.commitMessage("d", "v.yaml", "y".repeat(300));
        assertEquals("Sets d in v.yaml, which was '" + "y".repeat(100) + "…'.", shown.split("\n")[2]);
    }

    @Test
    void approversMustBeNamesOnOneLine() {
        InvalidConfigurationException e = assertThrows(
                InvalidConfigurationException.class,
                () -> new GitOpsRequest(
                        "shop", NEW, "qa", "staging", null, List.of("alice", "bob\nmallory"), null, JENKINS, JENKINS));
        assertEquals(
                "Approver 'bob\\u000Amallory' must not contain control characters such as line breaks", e.getMessage());
        assertEquals(
                "Approver is required",
                assertThrows(
                                InvalidConfigurationException.class,
                                () -> new GitOpsRequest(
                                        "shop", NEW, "qa", "staging", null, List.of(" "), null, JENKINS, JENKINS))
                        .getMessage());
    }

    @Test
    void gitIdentitiesCannotForgeTheHeader() {
        assertEquals(
                "Git name 'Eve <eve@example.com>' must not contain '<' or '>'",
                assertThrows(
                                InvalidConfigurationException.class,
                                () -> new GitIdentity("Eve <eve@example.com>", "jenkins@example.com"))
                        .getMessage());
        assertEquals(
                "Git e-mail 'a b@example.com' must not contain '<', '>' or spaces",
                assertThrows(InvalidConfigurationException.class, () -> new GitIdentity("Jenkins", "a b@example.com"))
                        .getMessage());
        assertEquals(
                "Git name 'Jen\\u000Akins' must not contain control characters such as line breaks",
                assertThrows(InvalidConfigurationException.class, () -> new GitIdentity("Jen\nkins", "j@example.com"))
                        .getMessage());
        assertEquals("Jenkins <jenkins@example.com>", JENKINS.toString());
    }
}
