package io.jenkins.plugins.environments.jenkins;

import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.environments.promotion.ApprovalBriefer;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The promotions a build made, shown on its page ({@code summary.jelly}): app, digest, from → to, strategy, where it
 * went. Kept with the build; Serializable, as every action of the plugin, so that pipeline program state that reaches
 * it can be kept across a restart.
 */
public final class PromotionAction implements Action, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** One promotion, as the build page lists it. */
    public static final class Entry implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String app;
        private final String digest;
        private final String from;
        private final String to;
        private final String strategy;
        private final String target;
        private final boolean rollback;

        Entry(String app, String digest, String from, String to, String strategy, String target, boolean rollback) {
            this.app = app;
            this.digest = digest;
            this.from = from;
            this.to = to;
            this.strategy = strategy;
            this.target = target;
            this.rollback = rollback;
        }

        public String getApp() {
            return app;
        }

        public String getDigest() {
            return digest;
        }

        public String getFrom() {
            return from;
        }

        public String getTo() {
            return to;
        }

        public String getStrategy() {
            return strategy;
        }

        public String getTarget() {
            return target;
        }

        public boolean isRollback() {
            return rollback;
        }

        /** @return the target when it is a web address, for a link; otherwise {@code null} */
        public String getTargetUrl() {
            return target != null && (target.startsWith("https://") || target.startsWith("http://")) ? target : null;
        }
    }

    /**
     * A scan report (and waivers) this build gave {@code promoteDigest} for a digest, kept so that a later {@code
     * awaitApproval} of the digest can show the reviewer its counts and the scan gate of the environment asked for.
     */
    static final class ScanRecord implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private final String digest;
        private final String reportName;
        private final String report;
        private final String waiversName;
        private final String waivers;

        ScanRecord(String digest, String reportName, String report, String waiversName, String waivers) {
            this.digest = digest;
            this.reportName = reportName;
            this.report = report;
            this.waiversName = waiversName;
            this.waivers = waivers;
        }
    }

    /** The largest report kept with the build, in characters; a larger one is not kept (the briefing says so). */
    static final int MAX_KEPT_REPORT = 1024 * 1024;

    private final List<Entry> entries = new ArrayList<>();
    // Null in builds from before scan reports were kept.
    private List<ScanRecord> scans;

    synchronized void add(Entry entry) {
        entries.add(entry);
    }

    /** Keeps the report for the digest, replacing one kept earlier for it; a report too large is not kept. */
    synchronized void keepScan(String digest, String reportName, String report, String waiversName, String waivers) {
        if (digest == null || report == null) {
            return;
        }
        if (scans == null) {
            scans = new ArrayList<>();
        }
        scans.removeIf(s -> digest.equals(s.digest));
        if (report.length() <= MAX_KEPT_REPORT && (waivers == null || waivers.length() <= MAX_KEPT_REPORT)) {
            scans.add(new ScanRecord(digest, reportName, report, waiversName, waivers));
        }
    }

    /** @return the scan report the build gave {@code promoteDigest} for the digest, or {@code null} */
    static ApprovalBriefer.ScanInput scanFor(Run<?, ?> run, String digest) {
        PromotionAction action = run.getAction(PromotionAction.class);
        if (action == null) {
            return null;
        }
        synchronized (action) {
            if (action.scans == null) {
                return null;
            }
            for (ScanRecord scan : action.scans) {
                if (scan.digest.equals(digest)) {
                    return new ApprovalBriefer.ScanInput(scan.reportName, scan.report, scan.waiversName, scan.waivers);
                }
            }
            return null;
        }
    }

    public synchronized List<Entry> getEntries() {
        return List.copyOf(entries);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.PromotionAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
