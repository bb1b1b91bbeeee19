package io.jenkins.plugins.environments.dashboard;

import java.util.Optional;

/**
 * Where the dashboard gets the latest drift read of a cell. Answers from a cache: never waits on a cluster, a
 * registry or a Git remote.
 */
public interface DriftReadings {

    /** No readings at all: every cell shows no drift information. */
    DriftReadings NONE = (app, environment) -> Optional.empty();

    /** @return the latest reading of the app in the environment, empty when it was never read */
    Optional<DriftReading> reading(String app, String environment);
}
