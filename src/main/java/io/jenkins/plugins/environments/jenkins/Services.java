package io.jenkins.plugins.environments.jenkins;

import hudson.console.HyperlinkNote;
import io.jenkins.plugins.environments.approval.RealmRules;
import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import jenkins.util.Timer;

/**
 * What the approval glue takes from Jenkins, in one place so that tests can pass their own: the clock, the shared
 * ledger, the realm's id rules, the global configuration and a timer.
 *
 * @param clock the time of decisions and deadlines
 * @param ledger where every outcome is appended
 * @param rules the security realm's id rules, read at each decision
 * @param configuration the global configuration as model values, read when a request opens
 * @param timer runs a task after a delay, on another thread
 * @param hyperlink marks up a link for the build log: (URL relative to Jenkins' root, text) to the line's text
 */
record Services(
        Clock clock,
        LedgerSource ledger,
        Supplier<RealmRules> rules,
        Supplier<EnvironmentsConfiguration> configuration,
        Scheduler timer,
        BiFunction<String, String, String> hyperlink) {

    /** Opens the ledger on first use; see {@link EnvironmentLedger#get()}. */
    @FunctionalInterface
    interface LedgerSource {
        Ledger get() throws IOException;
    }

    /** Runs a task once after a delay. */
    @FunctionalInterface
    interface Scheduler {
        Future<?> schedule(Runnable task, Duration delay);
    }

    /** @return the services of the running Jenkins */
    static Services jenkins() {
        return new Services(
                Clock.systemUTC(),
                EnvironmentLedger::get,
                ApprovalPermission::rules,
                () -> EnvironmentManagementConfiguration.get().toModel(),
                (task, delay) -> Timer.get().schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS),
                (url, text) -> HyperlinkNote.encodeTo("/" + url, text));
    }
}
