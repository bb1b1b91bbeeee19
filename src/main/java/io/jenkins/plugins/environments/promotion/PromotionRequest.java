package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.gitops.GitOpsRenderSite;
import java.util.List;

/**
 * What a pipeline asked {@code promoteDigest} for, as written; {@link Promoter} checks it.
 *
 * @param app the application, an RFC 1123 label
 * @param image the image's repository with its registry, {@code registry.example.com/team/shop}, no tag or digest
 * @param digest the digest to promote; a tag is refused; none for a rollback
 * @param to the target environment
 * @param from the source environment, or {@code null} for the target's {@code promotesFrom}
 * @param strategy {@code registry} or {@code gitops}
 * @param targetImage for {@code registry}: the repository to promote into, {@code null} for {@code image}
 * @param targetTag for {@code registry}: the tag that moves, {@code null} for the target environment's name
 * @param changeTicket the change ticket, or {@code null}
 * @param rollback promote the digest that ran in {@code to} before the current one, and put a hold on {@code to}
 * @param releaseHold release a rollback's hold with this promotion
 * @param job the promoting job's full name
 * @param buildUrl the build's URL, or {@code null}
 * @param actor who started the build, or {@code null}
 * @param approvals the build's {@code awaitApproval} results
 * @param scanReportName where the scan report came from, for messages
 * @param scanReport the text of a Trivy JSON or SARIF report, or {@code null}
 * @param waiversName where the waivers came from, for messages
 * @param waivers the text of a waiver file, or {@code null}
 * @param deploy what the {@code deploy} strategy renders, or {@code null} for the other strategies
 * @param awaitRollout for {@code gitops}: how long to wait until the target's cluster runs the digest, such as
 *     {@code 10m}; {@code null} not to wait
 * @param gitOpsRender for {@code gitops}: where the changed environment is rendered after the edit (the build's
 *     agent), or {@code null} outside {@code node}
 */
public record PromotionRequest(
        String app,
        String image,
        String digest,
        String to,
        String from,
        String strategy,
        String targetImage,
        String targetTag,
        String changeTicket,
        boolean rollback,
        boolean releaseHold,
        String job,
        String buildUrl,
        String actor,
        List<ApprovalResult> approvals,
        String scanReportName,
        String scanReport,
        String waiversName,
        String waivers,
        DeployInputs deploy,
        String awaitRollout,
        GitOpsRenderSite gitOpsRender) {

    public PromotionRequest {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }

    /** @return a builder for promoting {@code app}'s {@code image} into {@code to} */
    public static Builder builder(String app, String image, String to) {
        return new Builder().app(app).image(image).to(to);
    }

    /** Builds a {@link PromotionRequest}; every setter takes the value as written. */
    public static final class Builder {
        private String app;
        private String image;
        private String digest;
        private String to;
        private String from;
        private String strategy;
        private String targetImage;
        private String targetTag;
        private String changeTicket;
        private boolean rollback;
        private boolean releaseHold;
        private String job;
        private String buildUrl;
        private String actor;
        private List<ApprovalResult> approvals;
        private String scanReportName;
        private String scanReport;
        private String waiversName;
        private String waivers;
        private DeployInputs deploy;
        private GitOpsRenderSite gitOpsRender;
        private String awaitRollout;

        private Builder() {}

        public Builder app(String app) {
            this.app = app;
            return this;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder digest(String digest) {
            this.digest = digest;
            return this;
        }

        public Builder to(String to) {
            this.to = to;
            return this;
        }

        public Builder from(String from) {
            this.from = from;
            return this;
        }

        public Builder strategy(String strategy) {
            this.strategy = strategy;
            return this;
        }

        public Builder targetImage(String targetImage) {
            this.targetImage = targetImage;
            return this;
        }

        public Builder targetTag(String targetTag) {
            this.targetTag = targetTag;
            return this;
        }

        public Builder changeTicket(String changeTicket) {
            this.changeTicket = changeTicket;
            return this;
        }

        public Builder rollback(boolean rollback) {
            this.rollback = rollback;
            return this;
        }

        public Builder releaseHold(boolean releaseHold) {
            this.releaseHold = releaseHold;
            return this;
        }

        public Builder job(String job) {
            this.job = job;
            return this;
        }

        public Builder buildUrl(String buildUrl) {
            this.buildUrl = buildUrl;
            return this;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        public Builder approvals(List<ApprovalResult> approvals) {
            this.approvals = approvals;
            return this;
        }

        public Builder scanReportName(String scanReportName) {
            this.scanReportName = scanReportName;
            return this;
        }

        public Builder scanReport(String scanReport) {
            this.scanReport = scanReport;
            return this;
        }

        public Builder waiversName(String waiversName) {
            this.waiversName = waiversName;
            return this;
        }

        public Builder waivers(String waivers) {
            this.waivers = waivers;
            return this;
        }

        public Builder deploy(DeployInputs deploy) {
            this.deploy = deploy;
            return this;
        }

        public Builder awaitRollout(String awaitRollout) {
            this.awaitRollout = awaitRollout;
            return this;
        }

        public Builder gitOpsRender(GitOpsRenderSite gitOpsRender) {
            this.gitOpsRender = gitOpsRender;
            return this;
        }

        public PromotionRequest build() {
            return new PromotionRequest(
                    app,
                    image,
                    digest,
                    to,
                    from,
                    strategy,
                    targetImage,
                    targetTag,
                    changeTicket,
                    rollback,
                    releaseHold,
                    job,
                    buildUrl,
                    actor,
                    approvals,
                    scanReportName,
                    scanReport,
                    waiversName,
                    waivers,
                    deploy,
                    awaitRollout,
                    gitOpsRender);
        }
    }
}
