package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Every minute, removes the previews whose time to live has run out (one LIST per cluster, one DELETE per expired
 * preview; pinned previews stay). Runs as Jenkins itself, with Global-scoped cluster credentials. Its log is
 * {@code $JENKINS_HOME/logs/tasks/Preview sweep.log}.
 */
@Extension
public final class PreviewSweepWork extends AsyncPeriodicWork {

    public PreviewSweepWork() {
        super("Preview sweep");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.MINUTES.toMillis(1);
    }

    @Override
    protected void execute(TaskListener listener) throws IOException {
        PreviewBackend backend = JenkinsPreviewBackend.INSTANCE;
        if (backend.configuration().previewDefaults() == null) {
            return;
        }
        backend.cleanup().sweepExpired(Redacted.lines(listener.getLogger()::println));
    }
}
