package io.jenkins.plugins.environments.model;

/**
 * What data an environment may hold, from none at all to full production data: {@link #NONE},
 * {@link #SYNTHETIC} (generated), {@link #ANONYMIZED} (irreversibly stripped of personal data),
 * {@link #MASKED} (personal fields replaced) and {@link #FULL}.
 */
public enum DataPolicy {
    NONE,
    SYNTHETIC,
    ANONYMIZED,
    MASKED,
    FULL;

    /** @return the lower-case id, such as {@code masked} */
    public String id() {
        return EnumIds.id(this);
    }

    /**
     * @param value an id such as {@code synthetic}, in any case
     * @throws InvalidConfigurationException for field {@code dataPolicy}, listing the allowed ids
     */
    public static DataPolicy parse(String value) {
        return EnumIds.parse(DataPolicy.class, "dataPolicy", "Data policy", value);
    }
}
