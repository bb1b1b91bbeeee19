package io.jenkins.plugins.environments.jenkins;

import hudson.model.Item;
import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.SecurityRealm;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.approval.RefusalReason;
import io.jenkins.plugins.environments.approval.Reviewer;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponses;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who may reach an approval request, and who the current user is to the approval rules. Jenkins permissions are only
 * the door: {@code Job/Read} to reach a request, plus {@code Job/Build} when the gate lists no approvers (then anyone
 * who may build the job may approve, as with Jenkins' {@code input}); the approval rules decide the rest.
 */
final class ApprovalPermission {

    private ApprovalPermission() {}

    /**
     * Checks that the current user may decide on a request of the run, before anything else is read or changed.
     *
     * @param id the request's id; blank for the run's only pending request
     * @return the request
     * @throws org.springframework.security.access.AccessDeniedException (403) without {@code Job/Read}, or without
     *     {@code Job/Build} when the request's gate lists no approvers
     * @throws org.kohsuke.stapler.HttpResponses.HttpResponseException 404 when there is no such request, 403 for an
     *     anonymous user
     */
    static ApprovalsAction.Entry check(ApprovalsAction action, String id) {
        Job<?, ?> job = action.run().getParent();
        job.checkPermission(Item.READ);
        ApprovalsAction.Entry entry = (id == null || id.isBlank() ? action.onlyPending() : action.entry(id.trim()))
                .orElseThrow(() -> HttpResponses.errorWithoutStack(
                        404,
                        id == null || id.isBlank()
                                ? Messages.ApprovalPermission_NoSinglePending()
                                : Messages.ApprovalPermission_NoSuchRequest(id)));
        if (entry.getRequest().policy().requiresBuildPermission()) {
            job.checkPermission(Item.BUILD);
        }
        if (ACL.isAnonymous2(Jenkins.getAuthentication2())) {
            throw HttpResponses.errorWithoutStack(403, Messages.ApprovalPermission_Anonymous());
        }
        return entry;
    }

    /**
     * @return the current user as a reviewer: their id, their groups (the authorities), Overall/Administer, and the
     *     aliases the {@link ApprovalIdentityResolver}s know
     */
    static Reviewer reviewer() {
        Authentication authentication = Jenkins.getAuthentication2();
        List<String> groups = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(name -> name != null && !name.isBlank())
                .toList();
        String id = authentication.getName();
        return new Reviewer(id, groups, Jenkins.get().hasPermission(Jenkins.ADMINISTER), aliases(id));
    }

    /** @return the reviewer's other identities, from every {@link ApprovalIdentityResolver} */
    static List<String> aliases(String userId) {
        return ApprovalIdentityResolver.all(userId);
    }

    /** @return how the current security realm compares user ids and group names */
    static RealmRules rules() {
        SecurityRealm realm = Jenkins.get().getSecurityRealm();
        return new RealmRules(realm.getUserIdStrategy()::keyFor, realm.getGroupIdStrategy()::keyFor);
    }

    /**
     * @return the HTTP status of a refused attempt: 403 when the reviewer may not decide, 400 for a bad ticket or
     *     comment, 409 when the request is not in a state to take it (decided, expired, approved by them already, or
     *     another environment or digest)
     */
    static int status(RefusalReason reason) {
        return switch (reason) {
            case NOT_ALLOWED, SELF_APPROVAL -> 403;
            case MISSING_TICKET, INVALID_TICKET, INVALID_COMMENT -> 400;
            case ALREADY_APPROVED, ALREADY_DECIDED, EXPIRED, WRONG_ENVIRONMENT, WRONG_DIGEST, STOPPED, VETOED -> 409;
            case NOT_SAVED -> 503;
        };
    }
}
