package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.OneLine;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/** One commit between the build that deployed what runs in the environment and the one asking, in a briefing. */
public final class BriefedCommit implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String author;
    private final String subject;
    private final String build;

    /**
     * @param id the commit id, or {@code null} when the SCM gives none
     * @param author who wrote it, or {@code null}
     * @param message the commit message; only its first line is kept
     * @param build the URL of the build whose change log holds it, relative to Jenkins' root
     */
    public BriefedCommit(String id, String author, String message, String build) {
        this.id = id == null ? null : OneLine.of(id, 100);
        this.author = author == null ? null : OneLine.of(author, 200);
        this.subject = OneLine.of(firstLine(message), ApprovalBriefing.MAX_LINE);
        this.build = build == null ? null : OneLine.of(build, ApprovalBriefing.MAX_LINE);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String text = message.strip();
        int end = text.indexOf('\n');
        int cr = text.indexOf('\r');
        if (cr >= 0 && (end < 0 || cr < end)) {
            end = cr;
        }
        return end < 0 ? text : text.substring(0, end);
    }

    public String getId() {
        return id;
    }

    /** @return the first 12 characters of the id, or {@code null} */
    public String getShortId() {
        return id == null ? null : id.substring(0, Math.min(12, id.length()));
    }

    public String getAuthor() {
        return author;
    }

    /** @return the message's first line */
    public String getSubject() {
        return subject;
    }

    public String getBuild() {
        return build;
    }

    @Serial
    private Object readResolve() {
        return new BriefedCommit(id, author, subject, build);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BriefedCommit that
                && Objects.equals(id, that.id)
                && Objects.equals(author, that.author)
                && subject.equals(that.subject)
                && Objects.equals(build, that.build);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, author, subject, build);
    }

    @Override
    public String toString() {
        return getShortId() + " " + author + ": " + subject + " (" + build + ")";
    }
}
