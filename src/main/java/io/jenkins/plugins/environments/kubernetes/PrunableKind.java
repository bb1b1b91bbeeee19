package io.jenkins.plugins.environments.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.Optional;

/**
 * The kinds that the fallback by labels lists (a namespace without a readable inventory, such as one an older version
 * of the plugin deployed into). Pruning through the {@link PreviewInventory} is not limited to these: it deletes every
 * kind the inventory lists ({@link ServedKinds}).
 */
enum PrunableKind {
    DEPLOYMENT(Deployment.class),
    STATEFUL_SET(StatefulSet.class),
    SERVICE(Service.class),
    CONFIG_MAP(ConfigMap.class),
    SECRET(Secret.class),
    INGRESS(Ingress.class),
    JOB(Job.class),
    CRON_JOB(CronJob.class),
    SERVICE_ACCOUNT(ServiceAccount.class),
    PERSISTENT_VOLUME_CLAIM(PersistentVolumeClaim.class);

    final Class<? extends HasMetadata> type;

    PrunableKind(Class<? extends HasMetadata> type) {
        this.type = type;
    }

    /**
     * The prunable kind of an inventory entry, matched by API group and kind, not version: an object applied as
     * {@code apps/v1beta2} is the same object as {@code apps/v1}.
     */
    static Optional<PrunableKind> of(PreviewInventory.AppliedObject object) {
        for (PrunableKind kind : values()) {
            if (HasMetadata.getKind(kind.type).equals(object.kind())
                    && PreviewInventory.group(HasMetadata.getApiVersion(kind.type))
                            .equals(object.group())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
