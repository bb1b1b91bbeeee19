package io.jenkins.plugins.environments.promotion;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the ledger says about one app in one environment: the digests it ran, in order, and whether a rollback put a
 * hold on it.
 *
 * <p>A rollback records {@value #HOLD}{@code =true}: automated promotions are then refused (gate {@value #GATE})
 * until a promotion says {@code releaseHold: true}, which records {@value #HOLD}{@code =released}.
 *
 * <p>A rollback goes back, never forward ({@link #rollbackTarget()}): only to a digest that was promoted into the
 * environment through its gates before the current one, never to a digest that was already rolled back from. A
 * rollback records the digest it left as {@value #ROLLED_BACK_FROM}.
 */
public final class PromotionHistory {

    /** The name of the hold gate. */
    public static final String GATE = "hold";

    /** Detail key of a rollback's hold, and of its release. */
    public static final String HOLD = "hold";

    /** Detail key of a rollback: the digest it rolled back from. */
    public static final String ROLLED_BACK_FROM = "rolled-back-from";

    /** How many events a refused rollback shows, the latest ones. */
    static final int SHOWN = 10;

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

    /**
     * @return where a rollback goes: the latest digest promoted here (a {@code promoted} event, which the promoter
     *     writes only after every gate passed) before the current one, that is not the current one and was never
     *     rolled back from; empty when there is none
     */
    public Optional<String> rollbackTarget() {
        String current = current().orElse(null);
        Set<String> rolledBackFrom = rolledBackFrom();
        for (int i = deploys.size() - 2; i >= 0; i--) {
            LedgerEvent event = deploys.get(i);
            if (event.type() == LedgerEventType.PROMOTED
                    && !event.digest().equals(current)
                    && !rolledBackFrom.contains(event.digest())) {
                return Optional.of(event.digest());
            }
        }
        return Optional.empty();
    }

    /** @return every digest a rollback left, as recorded or as the order of events shows */
    public Set<String> rolledBackFrom() {
        Set<String> from = new LinkedHashSet<>();
        for (int i = 0; i < deploys.size(); i++) {
            LedgerEvent event = deploys.get(i);
            if (event.type() == LedgerEventType.ROLLED_BACK) {
                String recorded = event.details().get(ROLLED_BACK_FROM);
                if (recorded != null) {
                    from.add(recorded);
                }
                if (i > 0) {
                    from.add(deploys.get(i - 1).digest());
                }
            }
        }
        return from;
    }

    /**
     * @return the latest {@value #SHOWN} events, oldest first, for a person: a short digest, the event type, and
     *     whether it was rolled back from or is current
     */
    public String describe() {
        Set<String> rolledBackFrom = rolledBackFrom();
        List<String> parts = new ArrayList<>();
        int first = Math.max(0, deploys.size() - SHOWN);
        for (int i = first; i < deploys.size(); i++) {
            LedgerEvent event = deploys.get(i);
            String digest = event.digest();
            List<String> notes = new ArrayList<>();
            if (rolledBackFrom.contains(digest)) {
                notes.add("rolled back from");
            }
            if (i == deploys.size() - 1) {
                notes.add("current");
            }
            parts.add(shorten(digest) + " " + event.type().id()
                    + (notes.isEmpty() ? "" : " (" + String.join(", ", notes) + ")"));
        }
        return (first > 0 ? first + " earlier, then " : "") + String.join(", ", parts);
    }

    /** @return {@code sha256:} and the first 12 hex digits, then an ellipsis */
    static String shorten(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
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
