package io.jenkins.plugins.environments.jenkins;

import io.jenkins.plugins.environments.dashboard.LedgerIndex;
import io.jenkins.plugins.environments.ledger.Ledger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The dashboard's index of this Jenkins' ledger ({@link EnvironmentLedger}), built on first use. Rebuilt from the
 * ledger when its file changed since (size or modification time), so that every page load sees every event.
 */
final class DashboardIndex {

    private static Ledger ledger;
    private static LedgerIndex index;
    private static String stamp;

    private DashboardIndex() {}

    /** @return the index of the ledger as it is now */
    static synchronized LedgerIndex get() throws IOException {
        Ledger current = EnvironmentLedger.get();
        String now = stamp(current.file());
        if (current != ledger || index == null || !now.equals(stamp)) {
            index = LedgerIndex.of(current.events());
            ledger = current;
            stamp = now;
        }
        return index;
    }

    private static String stamp(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "none";
        }
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
    }
}
