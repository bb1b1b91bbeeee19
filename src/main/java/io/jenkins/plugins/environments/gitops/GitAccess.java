package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.Redaction;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.Objects;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;

/**
 * A git remote and the credential to reach it, as plain values that the Jenkins glue fills in from the configuration
 * and a resolved credential. Closing it wipes the credential's password; providers handed out before then stop
 * answering.
 *
 * @param repositoryUrl the remote's URL, such as {@code https://git.example.com/team/deploy.git} or a {@code file://}
 *     URL
 * @param credential how to authenticate
 * @param credentialsId the id of the Jenkins credentials behind {@code credential} (or {@code null} for anonymous
 *     access), used in messages
 */
public record GitAccess(String repositoryUrl, GitCredential credential, String credentialsId) implements AutoCloseable {

    public GitAccess {
        Objects.requireNonNull(repositoryUrl, "repositoryUrl");
        Objects.requireNonNull(credential, "credential");
        try {
            URIish uri = new URIish(repositoryUrl);
            if (uri.getPass() != null) {
                throw new IllegalArgumentException("the repository URL must not contain a password; use credentials");
            }
        } catch (URISyntaxException e) {
            // The text is not quoted: a mistyped URL may hold a password.
            throw new IllegalArgumentException("the repository URL is not a git URL (" + e.getReason() + ")", e);
        }
    }

    /**
     * A JGit credentials provider for this remote, to pass to {@code setCredentialsProvider} of clone, fetch and push.
     * It answers user name and password prompts for the configured remote's host only, never interactively, and stops
     * answering once this access is closed.
     */
    public CredentialsProvider credentialsProvider() {
        return new GitCredentialsProvider(remote(), credential);
    }

    /** The parsed repository URL. */
    public URIish remote() {
        try {
            return new URIish(repositoryUrl);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e); // checked in the constructor
        }
    }

    /** @return masks the credential's password in text that may echo it, such as a remote's answer */
    public Redaction redaction() {
        return credential instanceof GitCredential.UsernamePassword userPassword
                ? Redaction.of(Collections.singletonList(userPassword.password()))
                : Redaction.patterns();
    }

    /** Wipes the credential's password. */
    @Override
    public void close() {
        credential.close();
    }

    @Override
    public String toString() {
        return "GitAccess[" + repositoryUrl + ", credentials=" + credentialsId + " (" + credential.kind() + ")]";
    }
}
