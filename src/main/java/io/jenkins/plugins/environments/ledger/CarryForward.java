package io.jenkins.plugins.environments.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which events of the segments that retention removes must be carried forward because they still decide an answer.
 *
 * <p>The events that expire are {@code older}; the ones that stay are {@code later}. An older event is carried when
 * one of these holds:
 *
 * <ol>
 *   <li><b>Last of its kind.</b> It is the last event, in the whole ledger, of its key: type, app, environment, PR,
 *       digest and the details {@value #REQUEST} and {@value #CLUSTER}. This keeps what runs in each environment
 *       (the last deploy or teardown), each open preview (the last deploy per cluster, app and PR), each standing
 *       rejection and its clearing, the state of each approval request and the last promotion of each digest.
 *   <li><b>Last hold.</b> It is the last event of its app and environment with the detail {@value #HOLD}: whether a
 *       rollback's hold is in force.
 *   <li><b>Last namespace or URL of a preview.</b> It is the last deploy of its app, environment and PR that names a
 *       namespace (or a URL): an open preview's namespace and URL come from the latest event that names them.
 *   <li><b>Last void.</b> It is an {@code approval-refused} line that voids a rejection (detail {@value #VOIDS}), the
 *       last for its app, environment, digest, actor and voided time: a voided rejection must not come back.
 *   <li><b>Rollbacks.</b> It is a rollback, or the deploy of a digest just before a rollback in its app and environment:
 *       the digests rolled back from are every rollback's predecessor, and a rollback never goes to one of them.
 *   <li><b>Recent deploys.</b> It is one of the last {@value #RECENT_DEPLOYS} deploys of a digest in its app and
 *       environment (counting the ones that stay), the ones a refused rollback shows.
 * </ol>
 *
 * The carried events keep their order, so every answer computed from the ledger in order (what runs where, the open
 * previews, the vetoes, the promotion history's current digest, rollback target, rolled-back digests and hold, the
 * pending approvals) is the same over the carried events followed by the remaining segments as over the full ledger.
 * Only counts of old events (how many earlier deploys) and the history itself shrink.
 */
final class CarryForward {

    /** Detail that names an approval request. */
    static final String REQUEST = "request";

    /** Detail that names a preview's cluster. */
    static final String CLUSTER = "cluster";

    /** Detail of a rollback's hold and its release. */
    static final String HOLD = "hold";

    /** Detail of a refusal that voids a rejection: the rejection's time. */
    static final String VOIDS = "voids";

    /** How many of the latest deploys per app and environment are always kept. */
    static final int RECENT_DEPLOYS = 10;

    private CarryForward() {}

    /**
     * @param older the events that expire, in ledger order
     * @param later the events that stay, in ledger order, read once
     * @return the indexes in {@code older} of the events to carry, ascending
     */
    static List<Integer> select(List<LedgerEvent> older, Iterator<LedgerEvent> later) {
        boolean[] carry = new boolean[older.size()];
        Set<Object> seenLater = new HashSet<>();
        Map<Place, Integer> laterDeploys = new HashMap<>();
        Map<Place, Integer> lastOlderDeploy = new HashMap<>();
        for (int i = 0; i < older.size(); i++) {
            LedgerEvent event = older.get(i);
            Place place = Place.of(event);
            if (event.type() == LedgerEventType.ROLLED_BACK) {
                carry[i] = true;
                Integer before = lastOlderDeploy.get(place);
                if (before != null) {
                    carry[before] = true;
                }
            }
            if (deploysADigest(event)) {
                lastOlderDeploy.put(place, i);
            }
        }
        Set<Place> laterDeployed = new HashSet<>();
        while (later.hasNext()) {
            LedgerEvent event = later.next();
            Place place = Place.of(event);
            seenLater.addAll(keys(event));
            if (event.type() == LedgerEventType.ROLLED_BACK && !laterDeployed.contains(place)) {
                Integer before = lastOlderDeploy.get(place);
                if (before != null) {
                    carry[before] = true;
                }
            }
            if (deploysADigest(event)) {
                laterDeployed.add(place);
                laterDeploys.merge(place, 1, Integer::sum);
            }
        }
        Set<Object> seen = seenLater;
        Map<Place, Integer> deploysAfter = laterDeploys;
        for (int i = older.size() - 1; i >= 0; i--) {
            LedgerEvent event = older.get(i);
            for (Object key : keys(event)) {
                if (seen.add(key)) {
                    carry[i] = true;
                }
            }
            if (deploysADigest(event)) {
                int after = deploysAfter.merge(Place.of(event), 1, Integer::sum) - 1;
                if (after < RECENT_DEPLOYS) {
                    carry[i] = true;
                }
            }
        }
        List<Integer> carried = new ArrayList<>();
        for (int i = 0; i < carry.length; i++) {
            if (carry[i]) {
                carried.add(i);
            }
        }
        return carried;
    }

    private static boolean deploysADigest(LedgerEvent event) {
        return event.type().deploys() && event.digest() != null;
    }

    /** @return the keys whose last event decides an answer */
    private static List<Object> keys(LedgerEvent event) {
        List<Object> keys = new ArrayList<>(3);
        keys.add(new Identity(
                event.type(),
                event.app(),
                event.environment(),
                event.pr(),
                event.digest(),
                event.details().get(REQUEST),
                event.details().get(CLUSTER)));
        if (event.details().containsKey(HOLD)) {
            keys.add(new Hold(Place.of(event)));
        }
        if (event.type().deploys() && event.isPreview()) {
            if (event.namespace() != null) {
                keys.add(new PreviewField(event.app(), event.environment(), event.pr(), "namespace"));
            }
            if (event.url() != null) {
                keys.add(new PreviewField(event.app(), event.environment(), event.pr(), "url"));
            }
        }
        if (event.type() == LedgerEventType.APPROVAL_REFUSED && event.details().containsKey(VOIDS)) {
            keys.add(new Voiding(
                    event.app(),
                    event.environment(),
                    event.digest(),
                    event.actor(),
                    event.details().get(VOIDS)));
        }
        return keys;
    }

    /** An app in an environment. */
    private record Place(String app, String environment) {
        static Place of(LedgerEvent event) {
            return new Place(event.app(), event.environment());
        }
    }

    private record Identity(
            LedgerEventType type,
            String app,
            String environment,
            String pr,
            String digest,
            String request,
            String cluster) {}

    private record Hold(Place place) {}

    private record PreviewField(String app, String environment, String pr, String field) {}

    private record Voiding(String app, String environment, String digest, String actor, String voids) {
        Voiding {
            Objects.requireNonNull(voids, "voids");
        }
    }
}
