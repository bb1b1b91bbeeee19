package io.jenkins.plugins.environments.approval;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.jenkins.plugins.environments.model.Gates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One approval story for the tables: a gate, step settings, the run's origin and the realm's rules, decisions
 * taken before (each must be taken, not refused), and the attempt under test. Earlier decisions come a minute
 * apart after {@link #OPENED}; the attempt comes an hour after it unless {@link #at} says otherwise.
 */
final class Scenario {

    static final String APP = "shop";
    static final String ENV = "prod";
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);
    static final Instant OPENED = Instant.parse("2026-11-28T10:00:00Z");
    static final Duration TIMEOUT = Duration.ofHours(24);

    /** Listed approvers of the default gate; dave starts the default run and erin authored its change. */
    static final List<String> APPROVERS = List.of("alice", "bob", "carol", "dave", "erin", "group:release-managers");

    private Gates gates = gates(2, APPROVERS);
    private ApprovalSettings settings = new ApprovalSettings(null, null, null, null, null, null, "24h");
    private RunOrigin origin = RunOrigin.startedByPerson("dave", List.of("erin"));
    private RealmRules rules = RealmRules.JENKINS_DEFAULT;
    private final List<BiFunction<ApprovalRequest, Instant, ApprovalOutcome>> before = new ArrayList<>();
    private BiFunction<ApprovalRequest, Instant, ApprovalOutcome> attempt;
    private Instant attemptAt = OPENED.plus(Duration.ofHours(1));

    static Scenario given() {
        return new Scenario();
    }

    static Gates gates(int required, List<String> approvers) {
        return new Gates(required, approvers, true, false, null, null, null, false);
    }

    static Gates gates(int required, List<String> approvers, boolean forbidSelf, boolean allowAdmins, String ticket) {
        return new Gates(required, approvers, forbidSelf, allowAdmins, null, null, ticket, false);
    }

    static Reviewer user(String id) {
        return Reviewer.user(id);
    }

    static Reviewer member(String id, String... groups) {
        return new Reviewer(id, List.of(groups), false);
    }

    static Reviewer admin(String id) {
        return new Reviewer(id, List.of(), true);
    }

    static Decision forThis() {
        return Decision.of(ENV, DIGEST);
    }

    static Decision withTicket(String ticket) {
        return new Decision(ENV, DIGEST, null, ticket);
    }

    static Decision withComment(String comment) {
        return new Decision(ENV, DIGEST, comment, null);
    }

    Scenario gate(Gates gates) {
        this.gates = gates;
        return this;
    }

    Scenario settings(ApprovalSettings settings) {
        this.settings = settings;
        return this;
    }

    Scenario origin(RunOrigin origin) {
        this.origin = origin;
        return this;
    }

    Scenario rules(IdRule users, IdRule groups) {
        this.rules = new RealmRules(users, groups);
        return this;
    }

    Scenario approvedBy(Reviewer reviewer) {
        return approvedBy(reviewer, forThis());
    }

    Scenario approvedBy(Reviewer reviewer, Decision decision) {
        before.add((request, now) -> request.approve(reviewer, decision, rules, now));
        return this;
    }

    Scenario rejectedBy(Reviewer reviewer) {
        before.add((request, now) -> request.reject(reviewer, forThis(), rules, now));
        return this;
    }

    Scenario expired() {
        before.add((request, now) -> request.expire(request.deadline()));
        return this;
    }

    Scenario approve(Reviewer reviewer) {
        return approve(reviewer, forThis());
    }

    Scenario approve(Reviewer reviewer, Decision decision) {
        attempt = (request, now) -> request.approve(reviewer, decision, rules, now);
        return this;
    }

    Scenario reject(Reviewer reviewer) {
        return reject(reviewer, forThis());
    }

    Scenario reject(Reviewer reviewer, Decision decision) {
        attempt = (request, now) -> request.reject(reviewer, decision, rules, now);
        return this;
    }

    Scenario expireAtDeadline() {
        attempt = (request, now) -> request.expire(request.deadline());
        return this;
    }

    /** The attempt comes this long after the request opened. */
    Scenario at(Duration afterOpening) {
        attemptAt = OPENED.plus(afterOpening);
        return this;
    }

    /** @return the request after the decisions taken before */
    ApprovalRequest request() {
        ApprovalRequest request =
                ApprovalRequest.open(APP, DIGEST, ApprovalPolicy.resolve(ENV, gates, settings, rules), origin, OPENED);
        Instant now = OPENED;
        for (BiFunction<ApprovalRequest, Instant, ApprovalOutcome> step : before) {
            now = now.plus(Duration.ofMinutes(1));
            ApprovalOutcome outcome = step.apply(request, now);
            assertFalse(outcome.isRefused(), () -> "an earlier decision of the scenario was refused: " + outcome);
            request = outcome.request();
        }
        return request;
    }

    /** @return the outcome of the attempt on {@code request} */
    ApprovalOutcome attempt(ApprovalRequest request) {
        return attempt.apply(request, attemptAt);
    }
}
