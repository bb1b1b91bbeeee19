package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the ledger says about one app in one environment: the digests it ran, in order, and whether a rollback put a
 * hold on it.
 *
 * <p>A rollback records {@value #HOLD}{@code =true}: automated promotions are then refused (gate {@value #GATE})
 * until a promotion says {@code releaseHold: true}, which records {@value #HOLD}{@code =released}.
 */
public final class PromotionHistory {

    /** The name of the hold gate. */
    public static final String GATE = "hold";

    /** Detail key of a rollback's hold, and of its release. */
    public static final String HOLD = "hold";

    private final List<LedgerEvent> deploys;
    private final boolean held;

    private PromotionHistory(List<LedgerEvent> deploys, boolean held) {
        this.deploys = deploys;
        this.held = held;
    }

    /** @return the history of {@code app} in {@code environment} */
    public static PromotionHistory of(Iterable<LedgerEvent> events, String app, String environment) {
        List<LedgerEvent> deploys = new ArrayList<>();
        boolean held = false;
        for (LedgerEvent event : events) {
            if (!app.equals(event.app()) || !environment.equals(event.environment())) {
                continue;
            }
            if (event.type().deploys() && event.digest() != null) {
                deploys.add(event);
            }
            String hold = event.details().get(HOLD);
            if ("true".equals(hold)) {
                held = true;
            } else if ("released".equals(hold)) {
                held = false;
            }
        }
        return new PromotionHistory(List.copyOf(deploys), held);
    }

    /** @return the digest running now, as far as the ledger knows */
    public Optional<String> current() {
        return deploys.isEmpty()
                ? Optional.empty()
                : Optional.of(deploys.get(deploys.size() - 1).digest());
    }

    /** @return the digest that ran before the current one (the rollback target), if any */
    public Optional<String> previous() {
        String current = current().orElse(null);
        for (int i = deploys.size() - 1; i >= 0; i--) {
            if (!deploys.get(i).digest().equals(current)) {
                return Optional.of(deploys.get(i).digest());
            }
        }
        return Optional.empty();
    }

    /** @return whether a rollback's hold is in force */
    public boolean held() {
        return held;
    }

    /** @return whether the digest was ever deployed or promoted into the environment and is the current one */
    public boolean runs(String digest) {
        return current().map(digest::equals).orElse(false);
    }

    /** The hold gate: fails while a rollback's hold is in force, unless this promotion releases it. */
    GateResult holdGate(String environment, boolean rollback, boolean releaseHold) {
        if (!held) {
            return GateResult.pass(GATE, "no hold on " + environment);
        }
        if (rollback) {
            return GateResult.pass(GATE, environment + " is held after a rollback; another rollback may go on");
        }
        if (releaseHold) {
            return GateResult.pass(GATE, "the hold on " + environment + " is released by this promotion");
        }
        return GateResult.fail(
                GATE,
                environment + " is held after a rollback: promote with releaseHold: true once the cause is fixed");
    }

    /** Event type for a promotion that is a rollback or not. */
    static LedgerEventType typeOf(boolean rollback) {
        return rollback ? LedgerEventType.ROLLED_BACK : LedgerEventType.PROMOTED;
    }
}
