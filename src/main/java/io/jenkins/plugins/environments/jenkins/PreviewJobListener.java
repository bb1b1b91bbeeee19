package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;
import io.jenkins.plugins.environments.model.Redaction;
import io.jenkins.plugins.environments.preview.PreviewDeployer;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;

/**
 * When Jenkins deletes a job (a multibranch pull-request job goes when its pull request is merged or closed), tears
 * down the previews that job deployed and records reason {@code pr-closed}. The work runs in the background, so
 * deleting the job is not held up by the cluster.
 */
@Extension
public final class PreviewJobListener extends ItemListener {

    private static final Logger LOGGER = Logger.getLogger(PreviewJobListener.class.getName());

    @Override
    public void onDeleted(Item item) {
        String job = item.getFullName();
        Timer.get().submit(() -> tearDownPreviewsOf(job));
    }

    private static void tearDownPreviewsOf(String job) {
        try {
            JenkinsPreviewBackend.INSTANCE
                    .cleanup()
                    .forRemovedJob(job, PreviewDeployer.DEFAULT_TEARDOWN_TIMEOUT, Redacted.lines(LOGGER::info));
        } catch (IOException | RuntimeException e) {
            LOGGER.log(
                    Level.WARNING,
                    Redaction.redact("Could not tear down the previews of removed job " + job),
                    Redaction.redact(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
