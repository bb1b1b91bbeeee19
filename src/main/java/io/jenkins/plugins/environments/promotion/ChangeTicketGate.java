package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.OneLine;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The change-ticket gate: when the environment's gates set a {@code changeTicketPattern}, the promotion must name a
 * change ticket that matches it whole ({@link java.util.regex.Matcher#matches()}, so {@code CHG-[0-9]+} does not
 * accept {@code xCHG-1y}). A ticket is at most {@value #MAX_LENGTH} characters without control characters, whether
 * a pattern is set or not, because it is written to the log and the promotion history.
 */
public final class ChangeTicketGate implements Gate {

    public static final String GATE = "change-ticket";
    public static final int MAX_LENGTH = 128;

    private final Pattern pattern;
    private final String ticket;

    /**
     * @param gates the target environment's gates; their {@code changeTicketPattern} may be unset
     * @param ticket the ticket the pipeline gave, or {@code null}
     */
    public ChangeTicketGate(Gates gates, String ticket) {
        this.pattern =
                Objects.requireNonNull(gates, "gates").changeTicketRegex().orElse(null);
        this.ticket = ticket;
    }

    @Override
    public String name() {
        return GATE;
    }

    @Override
    public GateResult evaluate() {
        boolean given = ticket != null && !ticket.isBlank();
        if (!given) {
            return pattern == null
                    ? GateResult.pass(GATE, "no change ticket required")
                    : GateResult.fail(
                            GATE, "a change ticket matching " + pattern.pattern() + " is required; none was given");
        }
        if (ticket.length() > MAX_LENGTH) {
            return GateResult.fail(
                    GATE,
                    "the change ticket is " + ticket.length() + " characters long; at most " + MAX_LENGTH
                            + " are allowed");
        }
        if (OneLine.hasUnsafe(ticket)) {
            return GateResult.fail(
                    GATE,
                    "the change ticket contains a control character such as a line break, a line or paragraph"
                            + " separator, a bidirectional control or a zero-width character");
        }
        if (pattern == null) {
            return GateResult.pass(GATE, "no change ticket required; '" + ticket + "' recorded");
        }
        if (!pattern.matcher(ticket).matches()) {
            return GateResult.fail(GATE, "change ticket '" + ticket + "' does not match " + pattern.pattern());
        }
        return GateResult.pass(GATE, "change ticket '" + ticket + "' matches " + pattern.pattern());
    }
}
