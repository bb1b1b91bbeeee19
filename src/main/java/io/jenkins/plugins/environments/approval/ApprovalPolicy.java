package io.jenkins.plugins.environments.approval;

import io.jenkins.plugins.environments.model.Durations;
import io.jenkins.plugins.environments.model.Gates;
import io.jenkins.plugins.environments.model.InvalidConfigurationException;
import io.jenkins.plugins.environments.model.Names;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules one approval request is decided by: the environment's configured gate, made stricter by what the
 * step asked for ({@link #resolve}). Stored with the request and its result, so a plain serializable class.
 */
public final class ApprovalPolicy implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** How long a request waits when the step gives no timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofDays(7);

    /** The longest a request may wait: a longer timeout is refused, so a deadline is always a real date. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(30);

    private final String environment;
    private final int requiredApprovals;
    private final ArrayList<String> approvers;
    private final boolean forbidSelfApproval;
    private final boolean allowAdministrators;
    private final String changeTicketPattern;
    private final long timeoutMillis;
    /**
     * Whether the environment listed approvers; when it did not, reviewers need Job/Build. Records of earlier
     * versions do not have it and read as {@code false}: Job/Build is required, which fails closed.
     */
    private final boolean environmentListsApprovers;

    private ApprovalPolicy(
            String environment,
            int requiredApprovals,
            List<String> approvers,
            boolean forbidSelfApproval,
            boolean allowAdministrators,
            String changeTicketPattern,
            long timeoutMillis,
            boolean environmentListsApprovers) {
        this.environment = Names.requireLabel("environment", "Environment", environment);
        if (requiredApprovals < 1 || requiredApprovals > Gates.MAX_APPROVALS) {
            throw new IllegalArgumentException("required approvals must be 1 to " + Gates.MAX_APPROVALS);
        }
        this.requiredApprovals = requiredApprovals;
        this.approvers = new ArrayList<>(Gates.checkApprovers(approvers));
        this.forbidSelfApproval = forbidSelfApproval;
        this.allowAdministrators = allowAdministrators;
        this.changeTicketPattern = Gates.checkChangeTicketPattern(changeTicketPattern);
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("the timeout must be longer than zero");
        }
        if (timeoutMillis > MAX_TIMEOUT.toMillis()) {
            throw new IllegalArgumentException("the timeout must be at most " + Durations.format(MAX_TIMEOUT));
        }
        this.timeoutMillis = timeoutMillis;
        this.environmentListsApprovers = environmentListsApprovers;
    }

    /**
     * The policy for one request: the environment's gate, tightened by the step's settings.
     *
     * @param environment the environment's name, an RFC 1123 label
     * @param gates the environment's configured gates
     * @param settings what the step asked for; {@code null} for nothing
     * @param rules the realm's id rules, to tell whether a step's approver is one the environment lists
     * @throws InvalidConfigurationException naming the step setting, when a setting is invalid or would loosen
     *     the gate
     */
    public static ApprovalPolicy resolve(String environment, Gates gates, ApprovalSettings settings, RealmRules rules) {
        Names.requireLabel("environment", "Environment", environment);
        Objects.requireNonNull(gates, "gates");
        Objects.requireNonNull(rules, "rules");
        ApprovalSettings asked = settings == null ? ApprovalSettings.NONE : settings;
        String where = "environment '" + environment + "'";
        return new ApprovalPolicy(
                environment,
                requiredApprovals(where, gates, asked.minApprovals()),
                approvers(where, gates, asked.approvers(), rules),
                forbidSelfApproval(where, gates, asked.forbidSelfApproval()),
                allowAdministrators(where, gates, asked.allowAdministrators()),
                changeTicketPattern(where, gates, asked.requireChangeTicket(), asked.changeTicketPattern()),
                timeout(asked.timeout()).toMillis(),
                !gates.approvers().isEmpty());
    }

    private static int requiredApprovals(String where, Gates gates, Integer asked) {
        if (asked == null) {
            return Math.max(1, gates.requiredApprovals());
        }
        if (asked < 1) {
            throw new InvalidConfigurationException(
                    "minApprovals", "minApprovals is " + asked + ": awaitApproval needs at least 1 approval");
        }
        if (asked > Gates.MAX_APPROVALS) {
            throw new InvalidConfigurationException(
                    "minApprovals", "minApprovals is " + asked + ": use a number from 1 to " + Gates.MAX_APPROVALS);
        }
        if (asked < gates.requiredApprovals()) {
            throw new InvalidConfigurationException(
                    "minApprovals",
                    "minApprovals is " + asked + " but " + where + " requires " + gates.requiredApprovals()
                            + " approvals: ask for " + gates.requiredApprovals()
                            + " or more, or leave minApprovals out");
        }
        return asked;
    }

    private static List<String> approvers(String where, Gates gates, List<String> asked, RealmRules rules) {
        if (asked == null || asked.isEmpty()) {
            return gates.approvers();
        }
        List<String> checked = Gates.checkApprovers(asked);
        if (!gates.approvers().isEmpty()) {
            for (String approver : checked) {
                if (!covered(approver, gates.approvers(), rules)) {
                    throw Names.invalid(
                            "approvers",
                            "Approver",
                            approver,
                            "is not among the approvers of " + where + " (" + String.join(", ", gates.approvers())
                                    + "): awaitApproval can only narrow that list");
                }
            }
        }
        return checked;
    }

    private static boolean forbidSelfApproval(String where, Gates gates, Boolean asked) {
        if (asked == null) {
            return gates.forbidSelfApproval();
        }
        if (!asked && gates.forbidSelfApproval()) {
            throw new InvalidConfigurationException(
                    "forbidSelfApproval", "forbidSelfApproval cannot be false: " + where + " forbids self-approval");
        }
        return asked;
    }

    private static boolean allowAdministrators(String where, Gates gates, Boolean asked) {
        if (asked == null) {
            return gates.allowAdministrators();
        }
        if (asked && !gates.allowAdministrators()) {
            throw new InvalidConfigurationException(
                    "allowAdministrators",
                    "allowAdministrators cannot be true: " + where
                            + " does not let administrators approve without being listed");
        }
        return asked;
    }

    private static String changeTicketPattern(String where, Gates gates, Boolean required, String asked) {
        String configured = gates.changeTicketPattern();
        String pattern = Names.isBlank(asked) ? null : asked;
        if (pattern != null) {
            Names.optionalPattern("changeTicketPattern", "Change ticket pattern", pattern);
        }
        if (configured != null) {
            if (Boolean.FALSE.equals(required)) {
                throw new InvalidConfigurationException(
                        "requireChangeTicket",
                        "requireChangeTicket cannot be false: " + where + " requires a change ticket matching "
                                + Names.quote(configured));
            }
            if (pattern != null && !pattern.equals(configured)) {
                throw Names.invalid(
                        "changeTicketPattern",
                        "changeTicketPattern",
                        pattern,
                        "differs from " + Names.quote(configured) + ", the pattern " + where
                                + " requires: leave changeTicketPattern out or repeat it exactly");
            }
            return configured;
        }
        if (Boolean.FALSE.equals(required) && pattern != null) {
            throw new InvalidConfigurationException(
                    "requireChangeTicket",
                    "requireChangeTicket is false but changeTicketPattern is set: remove one of them");
        }
        if (Boolean.TRUE.equals(required) && pattern == null) {
            throw new InvalidConfigurationException(
                    "changeTicketPattern",
                    "requireChangeTicket is true but neither the step nor " + where
                            + " gives a changeTicketPattern: give the pattern tickets must match");
        }
        return pattern;
    }

    private static Duration timeout(String asked) {
        if (asked == null) {
            return DEFAULT_TIMEOUT;
        }
        Duration timeout = Durations.parse("timeout", "Timeout", asked);
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw Names.invalid(
                    "timeout",
                    "Timeout",
                    asked,
                    "is longer than " + Durations.format(MAX_TIMEOUT) + ", the longest awaitApproval waits: give "
                            + Durations.format(MAX_TIMEOUT) + " or less");
        }
        return timeout;
    }

    /** @return the name of the environment the policy is for */
    public String environment() {
        return environment;
    }

    /** @return how many distinct people must approve, at least 1 */
    public int requiredApprovals() {
        return requiredApprovals;
    }

    /**
     * @return the approver entries ({@code user:ID}, {@code group:NAME}, or untyped user ids) that may approve; empty
     *     means anyone with Job/Build on the job
     */
    public List<String> approvers() {
        return Collections.unmodifiableList(approvers);
    }

    /**
     * @return whether a reviewer also needs Job/Build on the job: the environment lists no approvers, so that is
     *     the environment's rule, and a list the step gave only narrows it
     */
    public boolean requiresBuildPermission() {
        return !environmentListsApprovers;
    }

    public boolean forbidSelfApproval() {
        return forbidSelfApproval;
    }

    public boolean allowAdministrators() {
        return allowAdministrators;
    }

    /** @return the regular expression a change ticket must match whole, or {@code null} when none is needed */
    public String changeTicketPattern() {
        return changeTicketPattern;
    }

    /** @return how long a request waits for its decision */
    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }

    /**
     * @return the approver entry that names the reviewer or one of their groups, the first in the list; {@code
     *     null} when none does or the list is empty
     */
    String matchingEntry(Reviewer reviewer, RealmRules rules) {
        for (String entry : approvers) {
            if (rules.entryMatches(entry, reviewer.userId(), reviewer.groups())) {
                return entry;
            }
        }
        return null;
    }

    /** @return whether one of these approver entries is the same user or group as {@code entry} */
    static boolean covered(String entry, List<String> approvers, RealmRules rules) {
        for (String approver : approvers) {
            if (rules.sameEntry(approver, entry)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the ticket matches the required pattern whole; {@code true} when none is required */
    boolean ticketMatches(String ticket) {
        return changeTicketPattern == null
                || (ticket != null
                        && Pattern.compile(changeTicketPattern).matcher(ticket).matches());
    }

    @Serial
    private Object readResolve() {
        return new ApprovalPolicy(
                environment,
                requiredApprovals,
                approvers,
                forbidSelfApproval,
                allowAdministrators,
                changeTicketPattern,
                timeoutMillis,
                environmentListsApprovers);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApprovalPolicy that
                && environment.equals(that.environment)
                && requiredApprovals == that.requiredApprovals
                && approvers.equals(that.approvers)
                && forbidSelfApproval == that.forbidSelfApproval
                && allowAdministrators == that.allowAdministrators
                && Objects.equals(changeTicketPattern, that.changeTicketPattern)
                && timeoutMillis == that.timeoutMillis
                && environmentListsApprovers == that.environmentListsApprovers;
    }

    @Override
    public int hashCode() {
        return Objects.hash(environment, requiredApprovals, approvers, changeTicketPattern, timeoutMillis);
    }

    @Override
    public String toString() {
        return "ApprovalPolicy[" + environment + ": " + requiredApprovals + " of " + approvers + ", forbidSelfApproval="
                + forbidSelfApproval + ", allowAdministrators=" + allowAdministrators + ", changeTicketPattern="
                + changeTicketPattern + ", timeout=" + Durations.format(timeout()) + ", requiresBuildPermission="
                + requiresBuildPermission()
                + "]";
    }
}
