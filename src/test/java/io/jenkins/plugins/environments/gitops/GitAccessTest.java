package io.jenkins.plugins.environments.gitops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/** The JGit credentials provider of {@link GitAccess}, asked as JGit's HTTP transport asks it. */
class GitAccessTest {

    private static final String URL = "https://git.example.com/team/deploy.git";
    private static final String PASSWORD = "ghp_personalAccessToken123";

    @Test
    void answersUsernameAndPasswordForTheRemote() throws Exception {
        try (GitAccess access = userPasswordAccess(PASSWORD.toCharArray())) {
            CredentialsProvider provider = access.credentialsProvider();
            CredentialItem.Username username = new CredentialItem.Username();
            CredentialItem.Password password = new CredentialItem.Password();
            CredentialItem.InformationalMessage message = new CredentialItem.InformationalMessage("realm");
            assertFalse(provider.isInteractive());
            assertTrue(provider.supports(username, password, message));
            assertTrue(provider.get(new URIish(URL), username, password, message));
            assertEquals("deployer", username.getValue());
            assertArrayEquals(PASSWORD.toCharArray(), password.getValue());
        }
    }

    @Test
    void closeWipesThePasswordAndTheProviderStopsAnswering() throws Exception {
        char[] secret = PASSWORD.toCharArray();
        GitAccess access = userPasswordAccess(secret);
        CredentialsProvider provider = access.credentialsProvider();
        access.close();
        assertTrue(new String(secret).chars().allMatch(c -> c == 0), "wiped");
        CredentialItem.Password password = new CredentialItem.Password();
        assertFalse(provider.get(new URIish(URL), new CredentialItem.Username(), password));
        assertNull(password.getValue());
    }

    @Test
    void doesNotAnswerForAnotherHost() throws Exception {
        try (GitAccess access = userPasswordAccess(PASSWORD.toCharArray())) {
            CredentialItem.Password password = new CredentialItem.Password();
            assertFalse(access.credentialsProvider()
                    .get(
                            new URIish("https://attacker.example/team/deploy.git"),
                            new CredentialItem.Username(),
                            password));
            assertNull(password.getValue());
        }
    }

    @Test
    void refusesPromptsItCannotAnswer() throws Exception {
        try (GitAccess access = userPasswordAccess(PASSWORD.toCharArray())) {
            CredentialItem.YesNoType hostKey = new CredentialItem.YesNoType("Accept the host key?");
            assertFalse(access.credentialsProvider().supports(hostKey));
            assertThrows(
                    UnsupportedCredentialItem.class,
                    () -> access.credentialsProvider().get(new URIish(URL), hostKey));
        }
    }

    @Test
    void anonymousAnswersNothing() throws Exception {
        try (GitAccess access = new GitAccess(URL, new GitCredential.Anonymous(), null)) {
            CredentialItem.Username username = new CredentialItem.Username();
            assertFalse(access.credentialsProvider().supports(username));
            assertFalse(access.credentialsProvider().get(new URIish(URL), username));
            assertNull(username.getValue());
        }
    }

    @Test
    void urlsWithPasswordsAndNonsenseAreRefused() {
        IllegalArgumentException withPassword = assertThrows(
                IllegalArgumentException.class,
                () -> new GitAccess("https://deployer:" + PASSWORD + "@git.example.com/x.git", anonymous(), null));
        assertFalse(withPassword.getMessage().contains(PASSWORD));
        assertThrows(IllegalArgumentException.class, () -> new GitAccess("", anonymous(), null));
    }

    @Test
    void toStringsHoldNoSecret() {
        try (GitAccess access = userPasswordAccess(PASSWORD.toCharArray())) {
            for (Object shown : List.of(access, access.credential(), access.credentialsProvider())) {
                assertFalse(shown.toString().contains(PASSWORD), shown::toString);
            }
            assertEquals("GitAccess[" + URL + ", credentials=deploy-login (username/password)]", access.toString());
        }
    }

    private static GitAccess userPasswordAccess(char[] password) {
        return new GitAccess(URL, new GitCredential.UsernamePassword("deployer", password), "deploy-login");
    }

    private static GitCredential anonymous() {
        return new GitCredential.Anonymous();
    }
}
