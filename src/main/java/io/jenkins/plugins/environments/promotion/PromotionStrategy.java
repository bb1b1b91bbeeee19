package io.jenkins.plugins.environments.promotion;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a digest reaches its target environment. */
public enum PromotionStrategy {
    /** The registry: retag, cross-repository mount or copy, the target tag moved last. */
    REGISTRY,
    /** A commit of the digest into the environment's values file in its GitOps repository. */
    GITOPS,
    /** A render of the app, pinned to the digest, applied into the environment's namespace as previews are. */
    DEPLOY;

    /** @return how pipelines write it */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws PromotionException naming the accepted values */
    public static PromotionStrategy parse(String value) {
        for (PromotionStrategy strategy : values()) {
            if (strategy.id().equals(value)) {
                return strategy;
            }
        }
        throw new PromotionException(
                "strategy " + (value == null ? "is required" : "'" + value + "' is not known") + ": use "
                        + Arrays.stream(values()).map(s -> "'" + s.id() + "'").collect(Collectors.joining(", ")));
    }
}
