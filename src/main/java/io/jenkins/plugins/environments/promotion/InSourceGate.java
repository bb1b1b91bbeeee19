package io.jenkins.plugins.environments.promotion;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.environments.kubernetes.RunningImages;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.model.Environment;
import java.util.List;
import java.util.function.Supplier;

/**
 * The "live in source" gate: the digest must be what the source environment runs for the app. When the target's
 * gates say {@code requireLiveInSource}, the source environment's cluster is asked (the app's namespace there must
 * run {@code image@digest}, the namespace being the app's configured target there); otherwise the ledger is enough (the digest is the app's latest there). A promotion into
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
        String wanted = image + "@" + digest;
        try (KubernetesClient client = cluster.get()) {
            List<String> running = RunningImages.of(client, namespace);
            if (running.contains(wanted)) {
                return GateResult.pass(
                        GATE, "cluster '" + source.cluster() + "' runs " + wanted + " in namespace " + namespace);
            }
            List<String> ofImage = running.stream()
                    .filter(r -> r.startsWith(image + "@") || r.startsWith(image + ":"))
                    .toList();
            return GateResult.fail(
                    GATE,
                    "namespace " + namespace + " on cluster '" + source.cluster() + "' does not run " + digest
                            + (ofImage.isEmpty() ? " (no container of " + image + " there)" : " but " + ofImage));
        } catch (KubernetesClientException | IllegalArgumentException e) {
            return GateResult.fail(GATE, "could not ask cluster '" + source.cluster() + "': " + e.getMessage());
        }
    }
}
