package io.jenkins.plugins.environments.jenkins;

import hudson.model.Run;
import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.gitops.GitOpsPromotion;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.promotion.Promoter;
import io.jenkins.plugins.environments.promotion.PromotionPorts;
import io.jenkins.plugins.environments.registry.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/** The promotion backend of a running Jenkins. */
final class JenkinsPromotionBackend implements PromotionBackend {

    static final JenkinsPromotionBackend INSTANCE = new JenkinsPromotionBackend();

    private JenkinsPromotionBackend() {}

    @Override
    public EnvironmentsConfiguration configuration() {
        return EnvironmentManagementConfiguration.get().toModel();
    }

    @Override
    public PromotionPorts ports(Run<?, ?> run) {
        return new JenkinsPromotionPorts(run, ApprovalPermission.rules());
    }

    @Override
    public List<ApprovalResult> approvals(Run<?, ?> run) {
        return ApprovalsAction.results(run);
    }

    @Override
    public Ledger ledger() throws IOException {
        return EnvironmentLedger.get();
    }

    @Override
    public Promoter promoter(Run<?, ?> run) throws IOException {
        Clock clock = Clock.systemUTC();
        return new Promoter(
                configuration(), ports(run), ledger(), clock, new GitOpsPromotion(clock, null), RetryPolicy.standard());
    }

    @Override
    public String buildUrl(Run<?, ?> run) {
        return BuildUrls.of(run);
    }
}
