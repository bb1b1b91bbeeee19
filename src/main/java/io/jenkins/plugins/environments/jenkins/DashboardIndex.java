package io.jenkins.plugins.environments.jenkins;

import io.jenkins.plugins.environments.dashboard.LedgerFollower;
import io.jenkins.plugins.environments.dashboard.LedgerIndex;
import io.jenkins.plugins.environments.ledger.Ledger;
import java.io.IOException;

/**
 * The dashboard's index of this Jenkins' ledger ({@link EnvironmentLedger}): built from the ledger on first use, then
 * kept current by the ledger's append listener ({@link LedgerFollower}), so that a page load never reads the ledger.
 * Built again when the Jenkins home, and so the ledger, is another one (as for each Jenkins a test harness starts).
 */
final class DashboardIndex {

    private static Ledger followed;
    private static LedgerFollower follower;

    private DashboardIndex() {}

    /** @return the index, current with every event appended so far */
    static synchronized LedgerIndex get() throws IOException {
        Ledger ledger = EnvironmentLedger.get();
        if (ledger != followed || follower == null) {
            if (follower != null) {
                follower.close();
                follower = null;
            }
            follower = LedgerFollower.follow(ledger);
            followed = ledger;
        }
        return follower.index();
    }
}
