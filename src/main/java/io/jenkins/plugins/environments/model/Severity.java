package io.jenkins.plugins.environments.model;

/**
 * The severity of a vulnerability finding in a scan report, from least to most severe. {@link #UNKNOWN}
 * (a finding the scanner could not rate) ranks lowest, so a gate that allows {@code low} also lets it
 * through.
 */
public enum Severity {
    UNKNOWN,
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** @return the lower-case id, such as {@code high} */
    public String id() {
        return EnumIds.id(this);
    }

    /** @return whether this severity is the given one or more severe */
    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /**
     * @param value an id such as {@code critical}, in any case
     * @throws InvalidConfigurationException for field {@code severity}, listing the allowed ids
     */
    public static Severity parse(String value) {
        return EnumIds.parse(Severity.class, "severity", "Severity", value);
    }
}
