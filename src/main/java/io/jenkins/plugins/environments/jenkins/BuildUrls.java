package io.jenkins.plugins.environments.jenkins;

import hudson.model.Run;
import jenkins.model.Jenkins;

/**
 * The URL a step records for its build (in the ledger, on a preview's namespace, in a GitOps commit): the run's own
 * URL under the root URL the administrator configured, or relative to the Jenkins root when none is configured. Never
 * {@code BUILD_URL} from the step's environment, which a pipeline can set with {@code withEnv} to attribute its
 * deploys and promotions to another job.
 */
final class BuildUrls {

    private BuildUrls() {}

    static String of(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return root == null ? run.getUrl() : root + run.getUrl();
    }
}
