package io.jenkins.plugins.environments.ledger;

import io.jenkins.plugins.environments.approval.Vetoes;
import io.jenkins.plugins.environments.preview.PreviewHistory;
import io.jenkins.plugins.environments.promotion.PromotionHistory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every answer the plugin computes from the ledger's events in order: what runs where and the open previews
 * ({@link LedgerQueries}), the open previews per cluster ({@link PreviewHistory}), the standing vetoes for every app,
 * environment and digest ({@link Vetoes}) and, per app and environment, the promotion history's current digest,
 * rollback target, rolled-back digests, hold and its latest deploys as a refused rollback shows them
 * ({@link PromotionHistory}).
 */
record Answers(
        List<LedgerQueries.EnvironmentState> states,
        List<LedgerQueries.OpenPreview> previews,
        List<LedgerEvent> openPreviewsPerCluster,
        TreeMap<String, Optional<Vetoes.Veto>> vetoes,
        TreeMap<String, String> promotions) {

    static Answers of(List<LedgerEvent> events, List<String> digests) {
        TreeMap<String, Optional<Vetoes.Veto>> vetoes = new TreeMap<>();
        TreeMap<String, String> promotions = new TreeMap<>();
        Set<String> places = new LinkedHashSet<>();
        for (String app : GeneratedLedger.APPS) {
            List<String> environments = new ArrayList<>(GeneratedLedger.ENVIRONMENTS);
            environments.add(GeneratedLedger.PREVIEW);
            for (String environment : environments) {
                places.add(app + "/" + environment);
                for (String digest : digests) {
                    vetoes.put(
                            app + "/" + environment + "/" + digest, Vetoes.standing(events, app, digest, environment));
                }
                PromotionHistory history = PromotionHistory.of(events, app, environment);
                promotions.put(
                        app + "/" + environment,
                        "current=" + history.current().orElse("-")
                                + " target=" + history.rollbackTarget().orElse("-")
                                + " from=" + new java.util.TreeSet<>(history.rolledBackFrom())
                                + " held=" + history.held()
                                + " runs="
                                + digests.stream().filter(history::runs).toList()
                                + " latest=" + withoutEarlierCount(history.describe()));
            }
        }
        return new Answers(
                LedgerQueries.latestStates(events),
                LedgerQueries.openPreviews(events),
                PreviewHistory.open(events),
                vetoes,
                promotions);
    }

    /** @return the description without how many deploys came before the latest ones, which retention lowers */
    private static String withoutEarlierCount(String describe) {
        int then = describe.indexOf(" earlier, then ");
        return then < 0 ? describe : describe.substring(then + " earlier, then ".length());
    }

    /** @return how many vetoes stand, to show that the generated ledger has some */
    long standingVetoes() {
        return vetoes.values().stream().filter(Optional::isPresent).count();
    }
}
