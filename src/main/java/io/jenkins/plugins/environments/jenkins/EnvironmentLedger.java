package io.jenkins.plugins.environments.jenkins;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import jenkins.model.Jenkins;
import jenkins.util.SystemProperties;

/**
 * The one ledger of this Jenkins: {@code $JENKINS_HOME/environment-management/ledger.jsonl}, opened on first use and
 * shared by every step, the sweep and the pages, so that all appends go through one object (and its file lock).
 *
 * <p>Two system properties set its {@link LedgerPolicy}: {@value #SEGMENT_MEGABYTES} (the size at which the active
 * file is sealed into a numbered segment, default 64) and {@value #RETENTION_DAYS} (how many days sealed segments are
 * kept, default none: forever). {@link LedgerCompactionWork} applies the retention.
 */
public final class EnvironmentLedger {

    /** The folder under the Jenkins home that holds the ledger. */
    public static final String FOLDER = "environment-management";

    /** The ledger's file name. */
    public static final String FILE = "ledger.jsonl";

    /** System property: the size in MiB past which the active file is sealed into a segment. */
    public static final String SEGMENT_MEGABYTES = EnvironmentLedger.class.getName() + ".segmentMegabytes";

    /** System property: how many days sealed segments are kept; absent or 0 keeps them forever. */
    public static final String RETENTION_DAYS = EnvironmentLedger.class.getName() + ".retentionDays";

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
            ledger = Ledger.open(
                    file,
                    Clock.systemUTC(),
                    policy(
                            SystemProperties.getInteger(SEGMENT_MEGABYTES, null),
                            SystemProperties.getInteger(RETENTION_DAYS, null)));
        }
        return ledger;
    }

    /**
     * @param segmentMegabytes the segment size in MiB, or {@code null} for the default
     * @param retentionDays the retention in days, {@code null} or 0 for none
     * @return the policy the two system properties ask for
     * @throws IllegalArgumentException naming the property when a value is out of range
     */
    static LedgerPolicy policy(Integer segmentMegabytes, Integer retentionDays) {
        LedgerPolicy policy = LedgerPolicy.DEFAULT;
        if (segmentMegabytes != null) {
            if (segmentMegabytes < 1) {
                throw new IllegalArgumentException(SEGMENT_MEGABYTES + " must be at least 1, not " + segmentMegabytes);
            }
            policy = policy.withMaxSegmentBytes(segmentMegabytes * 1024L * 1024L);
        }
        if (retentionDays != null && retentionDays != 0) {
            if (retentionDays < 0) {
                throw new IllegalArgumentException(RETENTION_DAYS
                        + " must be a number of days, or 0 to keep the ledger forever, not " + retentionDays);
            }
            policy = policy.withRetention(Duration.ofDays(retentionDays));
        }
        return policy;
    }
}
