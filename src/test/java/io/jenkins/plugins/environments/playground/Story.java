package io.jenkins.plugins.environments.playground;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the playground's history did, as the code that did it saw it: what the ledger should say runs where, and the
 * cells and rows the dashboard should single out. Tests compare the page with this.
 *
 * @param configuration the configuration the history ran with
 * @param ledger the ledger it wrote
 * @param current app → environment → the digest the ledger says runs there
 * @param held the cells held after a rollback ({@code app/environment})
 * @param failed {@code app/environment} → the failed promotion's message
 * @param waiting the approval requests still waiting
 * @param drifted the cells changed behind the ledger's back
 * @param previews the pull-request previews deployed, oldest first
 * @param log the build-log lines of every promotion and preview
 */
public record Story(
        EnvironmentsConfiguration configuration,
        Ledger ledger,
        Map<String, Map<String, String>> current,
        List<String> held,
        Map<String, String> failed,
        List<Waiting> waiting,
        List<Drifted> drifted,
        List<Preview> previews,
        List<String> log) {

    /** An approval request that waits for more approvals. */
    public record Waiting(String app, String environment, String digest, String page) {}

    /** A cell whose live digest is not the one the ledger names. */
    public record Drifted(String app, String environment, String live) {}

    /** A deployed preview. */
    public record Preview(String app, String pr, String url, String digest, String author) {}

    /** @return the digest the ledger says runs in the cell, or {@code null} */
    public String digest(String app, String environment) {
        return current.getOrDefault(app, Map.of()).get(environment);
    }

    static final class Builder {
        private final Map<String, Map<String, String>> current = new LinkedHashMap<>();
        private final List<String> held = new ArrayList<>();
        private final Map<String, String> failed = new LinkedHashMap<>();
        private final List<Waiting> waiting = new ArrayList<>();
        private final List<Drifted> drifted = new ArrayList<>();
        private final List<Preview> previews = new ArrayList<>();

        void current(String app, String environment, String digest) {
            current.computeIfAbsent(app, a -> new LinkedHashMap<>()).put(environment, digest);
        }

        void held(String app, String environment) {
            held.add(app + "/" + environment);
        }

        void failed(String app, String environment, String message) {
            failed.put(app + "/" + environment, message);
        }

        void waiting(String app, String environment, String digest, String page) {
            waiting.add(new Waiting(app, environment, digest, page));
        }

        void drifted(String app, String environment, String live) {
            drifted.add(new Drifted(app, environment, live));
        }

        void preview(String app, String pr, String url, String digest, String author) {
            previews.add(new Preview(app, pr, url, digest, author));
        }

        Story build(EnvironmentsConfiguration configuration, Ledger ledger, List<String> log) {
            Map<String, Map<String, String>> copy = new LinkedHashMap<>();
            current.forEach((app, cells) -> copy.put(app, Map.copyOf(cells)));
            return new Story(
                    configuration,
                    ledger,
                    copy,
                    List.copyOf(held),
                    Map.copyOf(failed),
                    List.copyOf(waiting),
                    List.copyOf(drifted),
                    List.copyOf(previews),
                    log);
        }
    }
}
