package io.jenkins.plugins.environments.gitops;

import io.jenkins.plugins.environments.model.Digests;
import io.jenkins.plugins.environments.model.ImageReference;
import io.jenkins.plugins.environments.model.Names;
import java.util.List;
import java.util.Objects;

/**
 * What one GitOps promotion writes: which digest of which app moves from which environment to which, and what the
 * commit records about it. Every field is checked when the request is made, before anything touches git.
 *
 * @param app the application, an RFC 1123 label
 * @param digest the image digest, {@code sha256:} and 64 lower-case hex digits
 * @param fromEnvironment the environment the digest was verified in, an RFC 1123 label, or {@code null} when nothing
 *     promotes into the target (the first environment of a chain)
 * @param toEnvironment the environment it is promoted to, an RFC 1123 label
 * @param buildUrl the URL of the build that promotes, or {@code null}
 * @param approvers who approved, in order; may be empty
 * @param changeTicket the change ticket, such as {@code CHG-1234}, or {@code null}
 * @param author the commit's author
 * @param committer the commit's committer
 * @param repository the image's repository as containers name it ({@code host/path}), written by the image forms
 *     that name the repository and compared with the rendered containers; {@code null} only where neither happens
 */
public record GitOpsRequest(
        String app,
        String digest,
        String fromEnvironment,
        String toEnvironment,
        String buildUrl,
        List<String> approvers,
        String changeTicket,
        GitIdentity author,
        GitIdentity committer,
        String repository) {

    public GitOpsRequest {
        app = Names.requireLabel("app", "App name", app);
        digest = Digests.checkDigest(digest);
        fromEnvironment = fromEnvironment == null
                ? null
                : Names.requireLabel("fromEnvironment", "Source environment", fromEnvironment);
        toEnvironment = Names.requireLabel("toEnvironment", "Target environment", toEnvironment);
        buildUrl = Names.optionalText("buildUrl", "Build URL", buildUrl);
        approvers = List.copyOf(Objects.requireNonNull(approvers, "approvers"));
        for (String approver : approvers) {
            Names.rejectControlCharacters("approvers", "Approver", Names.require("approvers", "Approver", approver));
        }
        changeTicket = Names.optionalText("changeTicket", "Change ticket", changeTicket);
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(committer, "committer");
        repository = repository == null
                ? null
                : ImageReference.parse("repository", repository + "@" + digest).name();
    }

    /** A request without the repository, for the image form {@code digest} without a render check. */
    public GitOpsRequest(
            String app,
            String digest,
            String fromEnvironment,
            String toEnvironment,
            String buildUrl,
            List<String> approvers,
            String changeTicket,
            GitIdentity author,
            GitIdentity committer) {
        this(app, digest, fromEnvironment, toEnvironment, buildUrl, approvers, changeTicket, author, committer, null);
    }

    /**
     * The commit message: the subject {@code promote <app> <digest> <from> → <to>} ({@code promote <app> <digest> →
     * <to>} when nothing promotes into the target), a blank line, one line saying
     * which key changed and what it held, then trailers for the build, each approver and the change ticket (each only
     * when there is one).
     *
     * @param keyPath the key that changed
     * @param valuesFile the file it is in
     * @param previousValue what the key held before
     */
    public String commitMessage(String keyPath, String valuesFile, String previousValue) {
        StringBuilder message = new StringBuilder()
                .append("promote ")
                .append(app)
                .append(' ')
                .append(digest)
                .append(fromEnvironment == null ? "" : " " + fromEnvironment)
                .append(" → ")
                .append(toEnvironment)
                .append("\n\n")
                .append("Sets ")
                .append(keyPath)
                .append(" in ")
                .append(valuesFile)
                .append(", which was ")
                .append(previousValue.isEmpty() ? "empty" : oneLine(previousValue))
                .append(".\n\n");
        if (buildUrl != null) {
            message.append("Build: ").append(buildUrl).append('\n');
        }
        for (String approver : approvers) {
            message.append("Approved-by: ").append(approver).append('\n');
        }
        if (changeTicket != null) {
            message.append("Change-ticket: ").append(changeTicket).append('\n');
        }
        return message.toString();
    }

    /** The previous value comes from the file and may hold anything; it must not add lines to the message. */
    private static String oneLine(String value) {
        String shown = value.codePoints()
                .map(c -> Character.isISOControl(c) ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return shown.length() > 100 ? "'" + shown.substring(0, 100) + "…'" : "'" + shown + "'";
    }
}
