package io.jenkins.plugins.environments.playground;

import java.util.Map;

/** The dashboard's data over the playground's ledger (placeholder until the dashboard core is merged). */
final class DashboardSource implements DashboardData, AutoCloseable {

    private final Story story;

    private DashboardSource(Story story) {
        this.story = story;
    }

    static DashboardSource open(PlaygroundWorld world, Story story, SteppedClock clock) {
        return new DashboardSource(story);
    }

    @Override
    public String data() throws Exception {
        throw new IllegalStateException("not yet");
    }

    @Override
    public String history(Map<String, String> parameters) throws Exception {
        throw new IllegalStateException("not yet");
    }

    @Override
    public void close() {}
}
