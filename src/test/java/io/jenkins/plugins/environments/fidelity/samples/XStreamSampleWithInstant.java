package io.jenkins.plugins.environments.fidelity.samples;

import java.time.Instant;

/** Broken on purpose: keeps a time as {@code java.time.Instant}, which Jenkins' class filter refuses to write. */
public final class XStreamSampleWithInstant {

    private final String app;
    private final Instant deployedAt;

    public XStreamSampleWithInstant(String app, Instant deployedAt) {
        this.app = app;
        this.deployedAt = deployedAt;
    }

    public String app() {
        return app;
    }

    public Instant deployedAt() {
        return deployedAt;
    }
}
