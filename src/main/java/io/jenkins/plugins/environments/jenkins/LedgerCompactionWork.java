package io.jenkins.plugins.environments.jenkins;

import hudson.Extension;
import hudson.model.AsyncPeriodicWork;
import hudson.model.TaskListener;
import io.jenkins.plugins.environments.ledger.Ledger;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A minute after start-up and then every hour, compacts the ledger ({@link Ledger#compact()}): seals an active file
 * that grew past its size, deletes what an interrupted compaction left and, when a retention is set
 * ({@link EnvironmentLedger#RETENTION_DAYS}), removes the expired segments after carrying forward the events that
 * still decide an answer. Its log is {@code $JENKINS_HOME/logs/tasks/Ledger compaction.log}.
 */
@Extension
public final class LedgerCompactionWork extends AsyncPeriodicWork {

    public LedgerCompactionWork() {
        super("Ledger compaction");
    }

    @Override
    public long getRecurrencePeriod() {
        return TimeUnit.HOURS.toMillis(1);
    }

    @Override
    public long getInitialDelay() {
        return TimeUnit.MINUTES.toMillis(1);
    }

    @Override
    protected void execute(TaskListener listener) throws IOException {
        Ledger ledger = EnvironmentLedger.get();
        Ledger.Compaction compaction = ledger.compact();
        listener.getLogger()
                .println("Ledger " + ledger.file().getFileName() + ": "
                        + compaction.removed().size()
                        + " files removed, " + compaction.carriedEvents() + " events carried forward, "
                        + compaction.droppedEvents() + " let go");
    }
}
