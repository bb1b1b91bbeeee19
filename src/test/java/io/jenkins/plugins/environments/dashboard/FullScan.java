package io.jenkins.plugins.environments.dashboard;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.ledger.LedgerQueries;
import io.jenkins.plugins.environments.preview.PreviewHistory;
import io.jenkins.plugins.environments.promotion.PromotionHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The answers the dashboard needs, computed the slow and obvious way: by reading every event each time, with the
 * ledger's own queries where they exist ({@link LedgerQueries}, {@link PromotionHistory}, {@link PreviewHistory}).
 * Both this and the index's answers are turned into the same lines of text ({@link Answers}) to compare.
 */
final class FullScan {

    private FullScan() {}

    /** What both sides are compared on, as text lines so that a difference reads well. */
    record Answers(
            List<String> states,
            List<String> cells,
            List<String> previews,
            List<String> approvals,
            Map<String, List<String>> histories) {}

    static Answers scan(List<LedgerEvent> events, Map<String, String> sources) {
        List<String> states = LedgerQueries.latestStates(events).stream()
                .map(s -> String.join(
                        " ",
                        s.app(),
                        s.environment(),
                        s.type().id(),
                        s.time().toString(),
                        s.digest(),
                        s.namespace(),
                        s.url(),
                        s.actor(),
                        s.build()))
                .toList();

        Set<String> keys = new TreeSet<>();
        Set<String> apps = new TreeSet<>();
        for (LedgerEvent event : events) {
            apps.add(event.app());
            if (!event.isPreview()) {
                keys.add(event.app() + " " + event.environment());
            }
        }
        List<String> cells = new ArrayList<>();
        for (String key : keys) {
            String[] parts = key.split(" ");
            String app = parts[0];
            String environment = parts[1];
            cells.add(cellLine(
                    app,
                    environment,
                    started(events, app, environment),
                    failed(events, app, environment),
                    PromotionHistory.of(
                                    events.stream().filter(e -> !e.isPreview()).toList(), app, environment)
                            .held(),
                    behind(events, app, environment, sources.get(environment))));
        }

        List<LedgerEvent> openDeploys = PreviewHistory.open(events);
        Map<String, LedgerEvent> latestDeploy = new HashMap<>();
        openDeploys.forEach(e -> latestDeploy.put(e.app() + " " + e.pr(), e));
        List<String> previews = LedgerQueries.openPreviews(events).stream()
                .map(p -> {
                    LedgerEvent last = latestDeploy.get(p.app() + " " + p.pr());
                    return String.join(
                            " ",
                            p.app(),
                            p.environment(),
                            p.pr(),
                            p.namespace(),
                            p.url(),
                            p.lastDeployed().toString(),
                            p.digest(),
                            last.build(),
                            last.details().get("cluster"),
                            last.details().get("job"),
                            last.details().get("expires"),
                            Boolean.toString("true".equals(last.details().get("pinned"))));
                })
                .toList();

        Map<String, List<String>> histories = new TreeMap<>();
        for (String app : apps) {
            histories.put(
                    app,
                    LedgerQueries.history(events, app).stream()
                            .map(FullScan::historyLine)
                            .toList());
        }
        return new Answers(states, cells, previews, approvals(events), histories);
    }

    static Answers of(LedgerIndex index, Map<String, String> sources) {
        LedgerIndex.Snapshot snapshot = index.snapshot(sources);
        List<String> states = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        for (CellFacts facts : snapshot.cells()) {
            Deployment d = facts.current();
            if (d != null) {
                states.add(String.join(
                        " ",
                        d.app(),
                        d.environment(),
                        d.type().id(),
                        d.time().toString(),
                        d.digest(),
                        d.namespace(),
                        d.url(),
                        d.actor(),
                        d.build()));
            }
            cells.add(cellLine(
                    facts.app(), facts.environment(), facts.started(), facts.failed(), facts.held(), facts.behind()));
        }
        List<String> previews = snapshot.previews().stream()
                .map(p -> String.join(
                        " ",
                        p.app(),
                        p.environment(),
                        p.pr(),
                        p.namespace(),
                        p.url(),
                        p.deployed().toString(),
                        p.digest(),
                        p.build(),
                        p.cluster(),
                        p.job(),
                        p.expires() == null ? null : p.expires().toString(),
                        Boolean.toString(p.pinned())))
                .toList();
        List<String> approvals = snapshot.approvals().stream()
                .map(a -> approvalLine(
                        a.request(),
                        a.app(),
                        a.environment(),
                        a.digest(),
                        a.replaces(),
                        a.requester(),
                        a.approvals(),
                        a.required(),
                        String.join(",", a.eligible()),
                        a.page(),
                        a.requested().toString(),
                        a.build()))
                .toList();
        Map<String, List<String>> histories = new TreeMap<>();
        for (String app : index.apps()) {
            histories.put(
                    app, index.history(app).stream().map(FullScan::historyLine).toList());
        }
        return new Answers(states, cells, previews, approvals, histories);
    }

    private static String cellLine(
            String app,
            String environment,
            PromotionAttempt started,
            PromotionAttempt failed,
            boolean held,
            int behind) {
        return app + " " + environment + " started=" + attempt(started) + " failed=" + attempt(failed) + " held=" + held
                + " behind=" + behind;
    }

    private static String attempt(PromotionAttempt attempt) {
        return attempt == null
                ? "-"
                : attempt.digest() + "@" + attempt.time() + " by " + attempt.build() + " " + attempt.strategy()
                        + " from " + attempt.from() + " until " + attempt.deadline() + " " + attempt.reason();
    }

    /** The last started promotion into the cell, unless an outcome came after it. */
    private static PromotionAttempt started(List<LedgerEvent> events, String app, String environment) {
        LedgerEvent started = null;
        for (LedgerEvent e : cellEvents(events, app, environment)) {
            if (e.type() == LedgerEventType.PROMOTION_STARTED) {
                started = e;
            } else if (e.type() == LedgerEventType.PROMOTED
                    || e.type() == LedgerEventType.ROLLED_BACK
                    || e.type() == LedgerEventType.PROMOTION_FAILED) {
                started = null;
            }
        }
        return started == null
                ? null
                : new PromotionAttempt(
                        started.digest(),
                        started.time(),
                        started.actor(),
                        started.build(),
                        started.details().get("strategy"),
                        started.details().get("from"),
                        LedgerIndex.instant(started.details().get("deadline")),
                        null);
    }

    /** The last failed promotion into the cell, unless a digest arrived or another promotion started after it. */
    private static PromotionAttempt failed(List<LedgerEvent> events, String app, String environment) {
        List<LedgerEvent> cell = cellEvents(events, app, environment);
        int last = -1;
        for (int i = 0; i < cell.size(); i++) {
            if (cell.get(i).type() == LedgerEventType.PROMOTION_FAILED) {
                last = i;
            }
        }
        if (last < 0) {
            return null;
        }
        for (int i = last + 1; i < cell.size(); i++) {
            if (cell.get(i).type().deploys() || cell.get(i).type() == LedgerEventType.PROMOTION_STARTED) {
                return null;
            }
        }
        LedgerEvent failed = cell.get(last);
        return new PromotionAttempt(
                failed.digest(),
                failed.time(),
                failed.actor(),
                failed.build(),
                failed.details().get("strategy"),
                failed.details().get("from"),
                null,
                failed.reason());
    }

    /**
     * Counts the distinct digests that entered the source (deployed or promoted) after the digest the cell runs last
     * entered it, or after it entered the cell when it never entered the source.
     */
    static int behind(List<LedgerEvent> events, String app, String environment, String source) {
        if (source == null) {
            return 0;
        }
        String runs = currentDigest(events, app, environment);
        String sourceRuns = currentDigest(events, app, source);
        if (runs == null || sourceRuns == null || runs.equals(sourceRuns)) {
            return 0;
        }
        int reference = -1;
        for (int i = 0; i < events.size(); i++) {
            LedgerEvent e = events.get(i);
            if (e.isPreview() || !e.app().equals(app)) {
                continue;
            }
            if (e.environment().equals(source) && arrives(e) && runs.equals(e.digest())) {
                reference = i;
            }
        }
        if (reference < 0) {
            for (int i = 0; i < events.size(); i++) {
                LedgerEvent e = events.get(i);
                if (!e.isPreview()
                        && e.app().equals(app)
                        && e.environment().equals(environment)
                        && e.type().deploys()) {
                    reference = i;
                }
            }
        }
        Set<String> after = new HashSet<>();
        for (int i = reference + 1; i < events.size(); i++) {
            LedgerEvent e = events.get(i);
            if (!e.isPreview() && e.app().equals(app) && e.environment().equals(source) && arrives(e)) {
                after.add(e.digest());
            }
        }
        after.remove(runs);
        return after.size();
    }

    private static boolean arrives(LedgerEvent e) {
        return (e.type() == LedgerEventType.DEPLOYED || e.type() == LedgerEventType.PROMOTED) && e.digest() != null;
    }

    private static String currentDigest(List<LedgerEvent> events, String app, String environment) {
        return LedgerQueries.latestStates(cellEvents(events, app, environment)).stream()
                .findFirst()
                .map(LedgerQueries.EnvironmentState::digest)
                .orElse(null);
    }

    private static List<LedgerEvent> cellEvents(List<LedgerEvent> events, String app, String environment) {
        return events.stream()
                .filter(e ->
                        !e.isPreview() && e.app().equals(app) && e.environment().equals(environment))
                .toList();
    }

    /** A request is pending when no later event of its id approved it in full, rejected, expired or cancelled it. */
    private static List<String> approvals(List<LedgerEvent> events) {
        List<String> lines = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            LedgerEvent requested = events.get(i);
            if (requested.type() != LedgerEventType.APPROVAL_REQUESTED) {
                continue;
            }
            String id = requested.details().get("request");
            if (!seen.add(id)) {
                continue;
            }
            boolean ended = false;
            int approvals = 0;
            for (int j = i + 1; j < events.size() && !ended; j++) {
                LedgerEvent later = events.get(j);
                if (!id.equals(later.details().get("request"))) {
                    continue;
                }
                switch (later.type()) {
                    case REJECTED, APPROVAL_EXPIRED, APPROVAL_CANCELLED -> ended = true;
                    case APPROVED -> {
                        ended = "approved".equals(later.details().get("state"));
                        approvals = Integer.parseInt(
                                later.details().get("approvals").split("/")[0]);
                    }
                    default -> {}
                }
            }
            if (!ended) {
                lines.add(approvalLine(
                        id,
                        requested.app(),
                        requested.environment(),
                        requested.digest(),
                        requested.details().get("replaces"),
                        requested.actor(),
                        approvals,
                        Integer.parseInt(requested.details().get("required")),
                        requested.details().get("eligible").replace(" ", ""),
                        requested.details().get("page"),
                        requested.time().toString(),
                        requested.build()));
            }
        }
        return lines;
    }

    private static String approvalLine(
            String request,
            String app,
            String environment,
            String digest,
            String replaces,
            String requester,
            int approvals,
            int required,
            String eligible,
            String page,
            String requested,
            String build) {
        return String.join(
                " ",
                request,
                app,
                environment,
                digest,
                replaces,
                requester,
                approvals + "/" + required,
                eligible,
                page,
                requested,
                build);
    }

    private static String historyLine(LedgerEvent e) {
        Map<String, String> shown = new TreeMap<>(e.details());
        shown.keySet().retainAll(HistoryEntry.SHOWN_DETAILS);
        return String.join(
                        " ",
                        e.type().id(),
                        e.time().toString(),
                        e.environment(),
                        e.pr(),
                        e.digest(),
                        e.actor(),
                        e.build(),
                        e.reason())
                + " " + shown;
    }

    private static String historyLine(HistoryEntry e) {
        return String.join(
                        " ",
                        e.type().id(),
                        e.time().toString(),
                        e.environment(),
                        e.pr(),
                        e.digest(),
                        e.actor(),
                        e.build(),
                        e.reason())
                + " " + new TreeMap<>(e.details());
    }
}
