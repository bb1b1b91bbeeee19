package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.approval.ApprovalResult;
import io.jenkins.plugins.environments.gitops.GitOpsRenderSite;
import java.util.List;

/**
 * What a pipeline asked {@code promoteDigest} for, as written; {@link Promoter} checks it.
 *
 * @param app the name of an app the administrator declared; everything the app's configuration fixes is taken from
 *     there, and the arguments below that would say otherwise ({@code image}, {@code from}, {@code targetImage},
 *     {@code targetTag}) are accepted only when they say the same
 * @param image the image's repository as the Jenkinsfile wrote it, or {@code null}; must be the app's image
 * @param digest the digest to promote; a tag is refused; none for a rollback
 * @param to the target environment
 * @param from the source environment as written, or {@code null}; must be the target's {@code promotesFrom}
 * @param strategy {@code registry} or {@code gitops}
 * @param targetImage as written, or {@code null}; must be the app's target repository in {@code to}
 * @param targetTag as written, or {@code null}; must be the app's target tag in {@code to}
 * @param changeTicket the change ticket, or {@code null}
 * @param rollback go back to the digest {@link PromotionHistory#rollbackTarget()} names, and put a hold on {@code to}
 * @param releaseHold release a rollback's hold with this promotion
 * @param job the promoting job's full name; it must own the app and be allowed into {@code to}
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
 * @param timeout the step's {@code timeout}, such as {@code 10m}: the deadline of every registry, Git and cluster
 *     call and of the render; {@code null} for the deploy inputs' timeout, or {@link Promoter#DEFAULT_TIMEOUT}
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
        String timeout,
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
        private String timeout;

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

        public Builder timeout(String timeout) {
            this.timeout = timeout;
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
                    timeout,
                    gitOpsRender);
        }
    }
}
