package io.jenkins.plugins.environments.gitops;

import java.util.Locale;
import java.util.Objects;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * Answers JGit's user name and password prompts from a {@link GitCredential}, reading the password array at the
 * moment of the prompt so that closing the credential takes effect at once.
 */
final class GitCredentialsProvider extends CredentialsProvider {

    private final URIish remote;
    private final GitCredential credential;

    GitCredentialsProvider(URIish remote, GitCredential credential) {
        this.remote = remote;
        this.credential = credential;
    }

    @Override
    public boolean isInteractive() {
        return false;
    }

    @Override
    public boolean supports(CredentialItem... items) {
        if (!(credential instanceof GitCredential.UsernamePassword)) {
            return false;
        }
        for (CredentialItem item : items) {
            if (!(item instanceof CredentialItem.Username
                    || item instanceof CredentialItem.Password
                    || item instanceof CredentialItem.InformationalMessage)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Fills in the user name and password.
     *
     * @return {@code false} without credentials, once closed, or for a URI on another host than the configured remote
     *     (such as a redirect)
     * @throws UnsupportedCredentialItem for anything but a user name, a password or an informational message
     */
    @Override
    public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
        if (!(credential instanceof GitCredential.UsernamePassword userPassword)) {
            return false;
        }
        char[] password = userPassword.password();
        if (password == null || !sameHost(uri)) {
            return false;
        }
        for (CredentialItem item : items) {
            switch (item) {
                case CredentialItem.Username username -> username.setValue(userPassword.username());
                case CredentialItem.Password secret -> secret.setValue(password);
                case CredentialItem.InformationalMessage message -> {
                    // nothing to answer
                }
                default ->
                    throw new UnsupportedCredentialItem(
                            uri, item.getClass().getSimpleName() + ": " + item.getPromptText());
            }
        }
        return true;
    }

    private boolean sameHost(URIish uri) {
        return uri != null && Objects.equals(lower(uri.getHost()), lower(remote.getHost()));
    }

    private static String lower(String host) {
        return host == null ? null : host.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "GitCredentialsProvider[" + remote + ", " + credential.kind() + "]";
    }
}
