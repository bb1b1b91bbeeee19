package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.Names;
import io.jenkins.plugins.environments.model.OneLine;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reviewer is asked to approve, read once when the request opens and kept with it, so that the approval page
 * never has to ask a registry, a cluster or a Git server: the digest and the one it replaces in the environment, the
 * environment's gates evaluated for the digest so far (with the scan report's counts by severity), the commits between
 * the build that put the replaced digest there and this one, and for a GitOps target the diff of the values file that
 * a promotion would commit.
 *
 * <p>Each part is read on its own: when one cannot be read, its {@code …Problem} says why in one redacted line and
 * the others are still shown. Stored with the run (XStream) and serialised with it, so a plain final class with plain
 * fields, like {@link ApprovalRequest}.
 */
public final class ApprovalBriefing implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The longest diff kept, in characters; a longer one is cut with a marker. */
    public static final int MAX_DIFF = 64 * 1024;

    /** The most commits kept. */
    public static final int MAX_CHANGES = 200;

    /** The longest problem or note kept, in characters. */
    static final int MAX_LINE = 500;

    private final String digest;
    private final String replaces;
    private final String replacesProblem;
    private final ArrayList<BriefedGate> gates;
    private final String gatesProblem;
    private final ScanCounts scan;
    private final ArrayList<BriefedCommit> changes;
    private final String changesNote;
    private final String changesProblem;
    private final String diffTarget;
    private final String diff;
    private final String diffProblem;
    private final long preparedMillis;

    private ApprovalBriefing(Builder b) {
        this.digest = Objects.requireNonNull(b.digest, "digest");
        this.replaces = b.replaces;
        this.replacesProblem = line(b.replacesProblem);
        this.gates = new ArrayList<>(b.gates);
        this.gatesProblem = line(b.gatesProblem);
        this.scan = b.scan;
        List<BriefedCommit> kept = b.changes.size() > MAX_CHANGES ? b.changes.subList(0, MAX_CHANGES) : b.changes;
        this.changes = new ArrayList<>(kept);
        this.changesNote = line(
                b.changes.size() > MAX_CHANGES
                        ? join(b.changesNote, (b.changes.size() - MAX_CHANGES) + " older commit(s) not shown")
                        : b.changesNote);
        this.changesProblem = line(b.changesProblem);
        this.diffTarget = line(b.diffTarget);
        this.diff = b.diff == null ? null : Names.truncate(b.diff, MAX_DIFF);
        this.diffProblem = line(b.diffProblem);
        this.preparedMillis = b.prepared.toEpochMilli();
    }

    /** @return a builder for the briefing of this digest, prepared at {@code prepared} */
    public static Builder builder(String digest, Instant prepared) {
        return new Builder(digest, prepared);
    }

    private static String line(String text) {
        return text == null ? null : OneLine.of(text, MAX_LINE);
    }

    private static String join(String a, String b) {
        return a == null ? b : a + "; " + b;
    }

    /** @return the digest asked for */
    public String getDigest() {
        return digest;
    }

    /** @return the digest the environment runs now, as the ledger says, or {@code null} when it runs none */
    public String getReplaces() {
        return replaces;
    }

    /** @return why the replaced digest could not be read, or {@code null} */
    public String getReplacesProblem() {
        return replacesProblem;
    }

    /** @return the gates, in the order a promotion evaluates them */
    public List<BriefedGate> getGates() {
        return List.copyOf(gates);
    }

    /** @return why the gates could not be evaluated, or {@code null} */
    public String getGatesProblem() {
        return gatesProblem;
    }

    /** @return the counts of the build's scan report for the digest, or {@code null} when it gave none */
    public ScanCounts getScan() {
        return scan;
    }

    /** @return the commits between the build that deployed the replaced digest and this one, newest first */
    public List<BriefedCommit> getChanges() {
        return List.copyOf(changes);
    }

    /** @return a note on the commits (history cut short, commits left out), or {@code null} */
    public String getChangesNote() {
        return changesNote;
    }

    /** @return why the commits could not be read, or {@code null} */
    public String getChangesProblem() {
        return changesProblem;
    }

    /** @return for a GitOps target: which file on which branch at which commit the diff is against; else null */
    public String getDiffTarget() {
        return diffTarget;
    }

    /**
     * @return for a GitOps target: the unified diff a promotion would commit, empty when the file already holds the
     *     digest; {@code null} for other targets or when it could not be read
     */
    public String getDiff() {
        return diff;
    }

    /** @return why the diff could not be read, or {@code null} */
    public String getDiffProblem() {
        return diffProblem;
    }

    /** @return whether the target is a GitOps one, so that the page has a diff section */
    public boolean isGitOps() {
        return diffTarget != null || diff != null || diffProblem != null;
    }

    /** @return when the briefing was read */
    public Instant getPrepared() {
        return Instant.ofEpochMilli(preparedMillis);
    }

    @Serial
    private Object readResolve() {
        Builder b = builder(digest, Instant.ofEpochMilli(preparedMillis))
                .replaces(replaces)
                .replacesProblem(replacesProblem)
                .gatesProblem(gatesProblem)
                .scan(scan)
                .changesNote(changesNote)
                .changesProblem(changesProblem)
                .diff(diffTarget, diff)
                .diffProblem(diffProblem);
        if (gates != null) {
            gates.forEach(b::gate);
        }
        if (changes != null) {
            changes.forEach(b::change);
        }
        return b.build();
    }

    /** Collects the parts of a briefing. */
    public static final class Builder {
        private final String digest;
        private final Instant prepared;
        private String replaces;
        private String replacesProblem;
        private final List<BriefedGate> gates = new ArrayList<>();
        private String gatesProblem;
        private ScanCounts scan;
        private final List<BriefedCommit> changes = new ArrayList<>();
        private String changesNote;
        private String changesProblem;
        private String diffTarget;
        private String diff;
        private String diffProblem;

        private Builder(String digest, Instant prepared) {
            this.digest = digest;
            this.prepared = Objects.requireNonNull(prepared, "prepared");
        }

        public Builder replaces(String replaces) {
            this.replaces = replaces;
            return this;
        }

        public Builder replacesProblem(String problem) {
            this.replacesProblem = problem;
            return this;
        }

        public Builder gate(BriefedGate gate) {
            gates.add(Objects.requireNonNull(gate, "gate"));
            return this;
        }

        public Builder gatesProblem(String problem) {
            this.gatesProblem = problem;
            return this;
        }

        public Builder scan(ScanCounts scan) {
            this.scan = scan;
            return this;
        }

        public Builder change(BriefedCommit change) {
            changes.add(Objects.requireNonNull(change, "change"));
            return this;
        }

        public Builder changesNote(String note) {
            this.changesNote = note;
            return this;
        }

        public Builder changesProblem(String problem) {
            this.changesProblem = problem;
            return this;
        }

        /**
         * @param target which file on which branch at which commit
         * @param diff the unified diff, empty when nothing would change
         */
        public Builder diff(String target, String diff) {
            this.diffTarget = target;
            this.diff = diff;
            return this;
        }

        public Builder diffProblem(String problem) {
            this.diffProblem = problem;
            return this;
        }

        public ApprovalBriefing build() {
            return new ApprovalBriefing(this);
        }
    }
}
