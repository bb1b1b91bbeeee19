package io.jenkins.plugins.environments.preview;

import io.jenkins.plugins.environments.kubernetes.PreviewLabels;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ledger says about previews: which are open (deployed and not torn down since), with the details their
 * deploy recorded (cluster, job, schema, expiry, pin).
 */
public final class PreviewHistory {

    /** Detail key: the cluster's id. */
    public static final String CLUSTER = "cluster";
    /** Detail key: the deploying job's full name. */
    public static final String JOB = "job";
    /** Detail key: the shared schema's name. */
    public static final String SCHEMA = "schema";
    /** Detail key: the deploy id. */
    public static final String DEPLOY_ID = "deploy-id";
    /** Detail key: when the preview's TTL runs out, ISO-8601, as the namespace's {@code expires-at} annotation says. */
    public static final String EXPIRES = "expires";
    /** Detail key: {@code true} when the namespace is pinned, which keeps it out of the TTL sweep; absent otherwise. */
    public static final String PINNED = "pinned";

    private PreviewHistory() {}

    /** @return the latest deploy event of every open preview, oldest first */
    public static List<LedgerEvent> open(Iterable<LedgerEvent> events) {
        Map<String, LedgerEvent> open = new LinkedHashMap<>();
        for (LedgerEvent event : events) {
            if (!PreviewLabels.ENVIRONMENT_PREVIEW.equals(event.environment()) || event.pr() == null) {
                continue;
            }
            String key = event.details().getOrDefault(CLUSTER, "") + "/" + event.app() + "/" + event.pr();
            if (event.type() == LedgerEventType.DEPLOYED) {
                open.remove(key);
                open.put(key, event);
            } else if (event.type() == LedgerEventType.TORN_DOWN) {
                open.remove(key);
            }
        }
        return new ArrayList<>(open.values());
    }

    /** @return the latest deploy event of the open preview of an app's pull request on a cluster, or {@code null} */
    public static LedgerEvent openPreview(Iterable<LedgerEvent> events, String cluster, String app, int pr) {
        for (LedgerEvent event : open(events)) {
            if (app.equals(event.app())
                    && String.valueOf(pr).equals(event.pr())
                    && cluster.equals(event.details().get(CLUSTER))) {
                return event;
            }
        }
        return null;
    }

    /** @return the open previews that a job deployed */
    public static List<LedgerEvent> openOfJob(Iterable<LedgerEvent> events, String job) {
        return open(events).stream()
                .filter(e -> job.equals(e.details().get(JOB)))
                .toList();
    }
}
