package io.jenkins.plugins.environments.model;

/**
 * What {@code deployPreview} does when the cluster already runs as many previews as it allows:
 * {@link #QUEUE} waits for a free place, {@link #FAIL} fails the step at once.
 */
public enum WhenFull {
    QUEUE,
    FAIL;

    /** @return the lower-case id, such as {@code queue} */
    public String id() {
        return EnumIds.id(this);
    }

    /**
     * @param value {@code queue} or {@code fail}, in any case
     * @throws InvalidConfigurationException for field {@code whenFull}, listing the allowed ids
     */
    public static WhenFull parse(String value) {
        return EnumIds.parse(WhenFull.class, "whenFull", "When full", value);
    }
}
