package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.OneLine;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/** One gate's verdict on a digest, as the reviewer's briefing shows it, such as {@code signature}, {@code PASS}, {@code verified with key 'prod-signing'}. */
public final class BriefedGate implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** What a gate says of the digest so far. */
    public enum Verdict {
        PASS,
        FAIL,
        /** Not evaluated: not required in the environment, or it needs what only the promotion has. */
        NOT_RUN;

        /** @return {@code pass}, {@code fail} or {@code not-run} */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final String gate;
    private final Verdict verdict;
    private final String detail;

    public BriefedGate(String gate, Verdict verdict, String detail) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.detail = OneLine.of(detail, 2000);
    }

    public String getGate() {
        return gate;
    }

    public Verdict getVerdict() {
        return verdict;
    }

    public String getDetail() {
        return detail;
    }

    @Serial
    private Object readResolve() {
        return new BriefedGate(gate, verdict, detail);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BriefedGate that
                && gate.equals(that.gate)
                && verdict == that.verdict
                && detail.equals(that.detail);
    }

    @Override
    public int hashCode() {
        return Objects.hash(gate, verdict, detail);
    }

    @Override
    public String toString() {
        return verdict.id() + " " + gate + ": " + detail;
    }
}
