package io.jenkins.plugins.environments.model;

/**
 * What kind of environment this is. {@link #PROD} and {@link #DR} (disaster recovery) are production-like:
 * leaving them without promotion gates is reported as a warning.
 */
public enum Tier {
    LOCAL,
    DEV,
    STAGING,
    UAT,
    PROD,
    DR,
    SANDBOX,
    PERF;

    /** @return the lower-case id, such as {@code prod} */
    public String id() {
        return EnumIds.id(this);
    }

    /** @return whether the tier runs production workloads: {@link #PROD} and {@link #DR} */
    public boolean isProductionLike() {
        return this == PROD || this == DR;
    }

    /**
     * @param value an id such as {@code staging}, in any case
     * @throws InvalidConfigurationException for field {@code tier}, listing the allowed ids
     */
    public static Tier parse(String value) {
        return EnumIds.parse(Tier.class, "tier", "Tier", value);
    }
}
