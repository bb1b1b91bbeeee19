package io.jenkins.plugins.environments.jenkins;

import hudson.model.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * The promotions a build made, shown on its page ({@code summary.jelly}): app, digest, from → to, strategy, where it
 * went. Kept with the build.
 */
public final class PromotionAction implements Action {

    /** One promotion, as the build page lists it. */
    public static final class Entry {
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

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(Entry entry) {
        entries.add(entry);
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
