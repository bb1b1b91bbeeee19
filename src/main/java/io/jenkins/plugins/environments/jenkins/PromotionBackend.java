package io.jenkins.plugins.environments.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.promotion.Promoter;
import io.jenkins.plugins.environments.promotion.PromotionPorts;
import java.io.IOException;
import java.util.List;

/**
 * What {@code promoteDigest} needs from Jenkins: the configuration, the build's ports (registries, clusters, GitOps
 * repositories and keys with the build's credentials), its approvals and the ledger. {@link JenkinsPromotionBackend}
 * is the real one; tests give their own.
 */
interface PromotionBackend {

    EnvironmentsConfiguration configuration();

    PromotionPorts ports(Run<?, ?> run);

    /** @return the {@code awaitApproval} results this build has recorded */
    List<ApprovalResult> approvals(Run<?, ?> run);

    Ledger ledger() throws IOException;

    Promoter promoter(Run<?, ?> run) throws IOException;

    /**
     * @return the URL recorded for the build: the run's own, never {@code BUILD_URL} from the step's environment (a
     *     pipeline can set that with {@code withEnv})
     */
    default String buildUrl(Run<?, ?> run) {
        return run.getUrl();
    }
}
