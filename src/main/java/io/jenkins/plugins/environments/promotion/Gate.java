package io.jenkins.plugins.environments.promotion;

/**
 * One check a promotion must pass, set up with everything it needs (the digest, a registry session, a report …).
 * Evaluating a gate writes nothing anywhere; a gate that cannot decide (a registry that cannot be reached, a report
 * that cannot be read) fails with the reason, it does not throw. Gates of other packages (approvals, "live in
 * source") plug in by implementing this interface, or hand their {@link GateResult} to {@link GateReport#plus}.
 */
public interface Gate {

    /** @return the gate's name as the log shows it, such as {@code signature} */
    String name();

    /** @return the verdict, never {@code null} */
    GateResult evaluate();
}
