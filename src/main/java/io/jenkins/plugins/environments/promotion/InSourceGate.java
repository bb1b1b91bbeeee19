package io.jenkins.plugins.environments.promotion;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.kubernetes.KubernetesMessages;
import io.jenkins.plugins.environments.kubernetes.LiveImages;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.model.Environment;
import java.util.List;
import java.util.function.Supplier;

/**
 * The "live in source" gate: the digest must be what the source environment runs for the app. When the target's
 * gates say {@code requireLiveInSource}, the source environment's cluster is asked: in the app's namespace there (its
 * configured target), the ready pods of the app's own workloads must report the digest, and none another image of the
 * repository (see {@link LiveImages}); a spec that names the digest is not enough. Otherwise the ledger is enough
 * (the digest is the app's latest there). A promotion into
 * the first environment of a chain (no source) passes.
 */
final class InSourceGate implements Gate {

    static final String GATE = "live-in-source";

    private final Environment source;
    private final String app;
    private final String namespace;
    private final String image;
    private final String digest;
    private final boolean askCluster;
    private final Supplier<KubernetesClient> cluster;
    private final List<LedgerEvent> events;

    InSourceGate(
            Environment source,
            String app,
            String namespace,
            String image,
            String digest,
            boolean askCluster,
            Supplier<KubernetesClient> cluster,
            List<LedgerEvent> events) {
        this.source = source;
        this.app = app;
        this.namespace = namespace;
        this.image = image;
        this.digest = digest;
        this.askCluster = askCluster;
        this.cluster = cluster;
        this.events = events;
    }

    @Override
    public String name() {
        return GATE;
    }

    @Override
    public GateResult evaluate() {
        if (source == null) {
            return GateResult.pass(GATE, "no source environment: this is the first environment of its chain");
        }
        if (!askCluster) {
            PromotionHistory history = PromotionHistory.of(events, app, source.name());
            return history.runs(digest)
                    ? GateResult.pass(
                            GATE, "the ledger shows " + digest + " as " + app + "'s latest in " + source.name())
                    : GateResult.fail(
                            GATE,
                            source.name() + " runs " + history.current().orElse("nothing") + " for " + app
                                    + " as far as the ledger knows, not " + digest);
        }
        try (KubernetesClient client = cluster.get()) {
            LiveImages.Reading reading = LiveImages.read(client, namespace, app, image, digest);
            String where = "namespace " + namespace + " on cluster '" + source.cluster() + "'";
            if (reading.live()) {
                return GateResult.pass(GATE, where + " runs " + image + "@" + digest + ": " + reading.describe());
            }
            return GateResult.fail(GATE, where + " does not run " + digest + " for " + app + ": " + reading.describe());
        } catch (KubernetesClientException | IllegalArgumentException e) {
            return GateResult.fail(
                    GATE,
                    "could not ask cluster '" + source.cluster() + "': "
                            + (e instanceof KubernetesClientException k ? KubernetesMessages.of(k) : e.getMessage()));
        }
    }
}
