package io.jenkins.plugins.environments.jenkins;

import io.jenkins.plugins.environments.ledger.Ledger;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import jenkins.model.Jenkins;

/**
 * The one ledger of this Jenkins: {@code $JENKINS_HOME/environment-management/ledger.jsonl}, opened on first use and
 * shared by every step, the sweep and the pages, so that all appends go through one object (and its file lock).
 */
public final class EnvironmentLedger {

    /** The folder under the Jenkins home that holds the ledger. */
    public static final String FOLDER = "environment-management";

    /** The ledger's file name. */
    public static final String FILE = "ledger.jsonl";

    private static Ledger ledger;

    private EnvironmentLedger() {}

    /**
     * @return the ledger, opened (and created) on first use; opened again when the Jenkins home is another one (as
     *     for each Jenkins a test harness starts in one JVM)
     */
    public static synchronized Ledger get() throws IOException {
        Path file = Jenkins.get()
                .getRootDir()
                .toPath()
                .resolve(FOLDER)
                .resolve(FILE)
                .toAbsolutePath();
        if (ledger == null || !ledger.file().equals(file)) {
            ledger = Ledger.open(file, Clock.systemUTC());
        }
        return ledger;
    }
}
