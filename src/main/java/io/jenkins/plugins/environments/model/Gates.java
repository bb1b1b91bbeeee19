package io.jenkins.plugins.environments.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What must hold before a digest is promoted into an environment.
 *
 * <ul>
 *   <li>{@code requiredApprovals}: how many distinct people must approve, 0 to 20; 0 means no approval gate.
 *   <li>{@code approvers}: user ids ({@code user:alice}) and group names ({@code group:ops}) allowed to approve,
 *       read by {@link ApproverEntry}; empty means anyone with Job/Build on the job. Entries must not be blank,
 *       reserved or contain commas or control characters; repeats are dropped (comparing case-sensitively) and the
 *       order kept. When approvers are listed, there must be at
 *       least as many entries as required approvals, or the gate could never be passed.
 *   <li>{@code forbidSelfApproval}: nobody who made the digest (who started the build or one upstream of it, or
 *       wrote or committed its changes) may approve it.
 *   <li>{@code allowAdministrators}: Jenkins administrators may approve without being listed.
 *   <li>{@code signatureKeyCredentialsId}: optional credentials holding the key signatures must verify with.
 *   <li>{@code maxScanSeverity}: optional; the highest finding severity a scan report may show.
 *   <li>{@code changeTicketPattern}: optional regular expression a change ticket must match.
 *   <li>{@code requireLiveInSource}: the digest must be running in the environment it is promoted from.
 *   <li>{@code scanPolicy}: how the scan gate counts unknown severities and secrets, and whether a report may omit
 *       the image digest ({@link ScanPolicy#DEFAULT} fails closed).
 * </ul>
 */
public record Gates(
        int requiredApprovals,
        List<String> approvers,
        boolean forbidSelfApproval,
        boolean allowAdministrators,
        String signatureKeyCredentialsId,
        Severity maxScanSeverity,
        String changeTicketPattern,
        boolean requireLiveInSource,
        ScanPolicy scanPolicy) {

    public static final int MAX_APPROVALS = 20;

    /** No gate at all: nothing is required before a promotion. */
    public static final Gates NONE = new Gates(0, List.of(), true, false, null, null, null, false);

    public Gates {
        scanPolicy = scanPolicy == null ? ScanPolicy.DEFAULT : scanPolicy;
        checkRequiredApprovals(requiredApprovals);
        approvers = checkApprovers(approvers);
        signatureKeyCredentialsId = checkSignatureKeyCredentialsId(signatureKeyCredentialsId);
        changeTicketPattern = checkChangeTicketPattern(changeTicketPattern);
    }

    /** Gates with the default {@link ScanPolicy}. */
    public Gates(
            int requiredApprovals,
            List<String> approvers,
            boolean forbidSelfApproval,
            boolean allowAdministrators,
            String signatureKeyCredentialsId,
            Severity maxScanSeverity,
            String changeTicketPattern,
            boolean requireLiveInSource) {
        this(
                requiredApprovals,
                approvers,
                forbidSelfApproval,
                allowAdministrators,
                signatureKeyCredentialsId,
                maxScanSeverity,
                changeTicketPattern,
                requireLiveInSource,
                ScanPolicy.DEFAULT);
    }

    /** @return the number, 0 to 20; problems are reported for field {@code requiredApprovals} */
    public static int checkRequiredApprovals(int requiredApprovals) {
        if (requiredApprovals < 0 || requiredApprovals > MAX_APPROVALS) {
            throw new InvalidConfigurationException(
                    "requiredApprovals",
                    "Required approvals is " + requiredApprovals + ": use a number from 0 to " + MAX_APPROVALS);
        }
        return requiredApprovals;
    }

    /**
     * @return the approvers without repeats, in their order; each is read by {@link ApproverEntry#parse}, problems
     *     are reported for field {@code approvers}
     */
    public static List<String> checkApprovers(List<String> approvers) {
        if (approvers == null) {
            return List.of();
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < approvers.size(); i++) {
            String approver = approvers.get(i);
            if (Names.isBlank(approver)) {
                throw new InvalidConfigurationException(
                        "approvers",
                        "Approver number " + (i + 1) + " is blank: give a user id or group name, or remove it");
            }
            ApproverEntry.parse("approvers", approver);
            distinct.add(approver);
        }
        return List.copyOf(distinct);
    }

    /** @return the id or {@code null}; problems are reported for field {@code signatureKeyCredentialsId} */
    public static String checkSignatureKeyCredentialsId(String id) {
        return Names.optionalCredentialsId("signatureKeyCredentialsId", "Signature key credentials id", id);
    }

    /** @return the expression or {@code null}; problems are reported for field {@code changeTicketPattern} */
    public static String checkChangeTicketPattern(String pattern) {
        return Names.optionalPattern("changeTicketPattern", "Change ticket pattern", pattern) == null ? null : pattern;
    }

    /** @return the compiled change ticket pattern, when a ticket is required; a ticket must match it whole */
    public Optional<Pattern> changeTicketRegex() {
        return Optional.ofNullable(changeTicketPattern).map(Pattern::compile);
    }

    /** @return whether no gate is set: a promotion needs nothing */
    public boolean isEmpty() {
        return requiredApprovals == 0
                && signatureKeyCredentialsId == null
                && maxScanSeverity == null
                && changeTicketPattern == null
                && !requireLiveInSource;
    }

    /** @return settings that have no effect or may not mean what they say, for the administrator to read */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        if (requiredApprovals == 0 && !approvers.isEmpty()) {
            warnings.add("approvers are listed but no approval is required, so they are never asked");
        } else if (!approvers.isEmpty() && requiredApprovals > approvers.size()) {
            // Not an error: an approver may be a group with enough members.
            warnings.add(requiredApprovals + " approvals are required from " + approvers.size()
                    + " listed approvers, which is possible only if some of them are groups");
        }
        List<String> untyped = approvers.stream()
                .filter(approver -> !ApproverEntry.parse("approvers", approver).typed())
                .toList();
        if (!untyped.isEmpty()) {
            warnings.add("approvers without 'user:' or 'group:' are read as user ids only ("
                    + String.join(", ", untyped) + "): write group:NAME for a group");
        }
        return List.copyOf(warnings);
    }
}
