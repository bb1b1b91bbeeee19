package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.model.EnvironmentsConfiguration;
import io.jenkins.plugins.environments.model.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each state of a cell, and which one wins when several apply. */
class CellStateTest {

    static final EnvironmentsConfiguration CONFIG = new EnvironmentsConfiguration(
            List.of(),
            List.of(),
            List.of(
                    SyntheticLedger.environment("dev", Tier.DEV, null),
                    SyntheticLedger.environment("staging", Tier.STAGING, "dev"),
                    SyntheticLedger.environment("prod", Tier.PROD, "staging")),
            null);

    private final Events e = new Events();
    private final Map<String, DriftReading> drift = new HashMap<>();

    private Dashboard dashboard(Instant now) {
        DriftReadings readings = (app, environment) -> Optional.ofNullable(drift.get(app + " " + environment));
        return new DashboardQuery(
                        CONFIG, LedgerIndex.of(e.events), readings, Visibility.ALL, Clock.fixed(now, ZoneOffset.UTC))
                .dashboard();
    }

    private Dashboard.Cell cell(String environment) {
        return cell(environment, e.next());
    }

    private Dashboard.Cell cell(String environment, Instant now) {
        Dashboard dashboard = dashboard(now);
        return dashboard.apps().isEmpty() ? null : dashboard.apps().get(0).cell(environment);
    }

    private void started(String environment, char digest, Instant deadline) {
        LedgerEvent.Builder started = LedgerEvent.builder(LedgerEventType.PROMOTION_STARTED, "shop", environment)
                .digest(Events.digest(digest))
                .actor("alice")
                .build("job/shop/job/main/" + (e.events.size() + 1) + "/")
                .detail("strategy", "registry")
                .detail("from", "staging");
        if (deadline != null) {
            started.detail("deadline", deadline.toString());
        }
        e.add(started);
    }

    private void failed(String environment, char digest) {
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTION_FAILED, "shop", environment)
                .digest(Events.digest(digest))
                .build("job/shop/job/main/9/")
                .reason("gate signature failed: no signature for the digest")
                .detail("strategy", "registry"));
    }

    @Test
    void aCellNothingHappenedInIsEmptyAndLeftOut() {
        e.deploy("shop", "dev", 'a');
        Dashboard dashboard = dashboard(e.next());
        assertEquals(1, dashboard.apps().get(0).cells().size());
        assertNull(dashboard.apps().get(0).cell("staging"));
    }

    @Test
    void current() {
        e.deploy("shop", "dev", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'a');
        Dashboard.Cell staging = cell("staging");
        assertEquals(CellState.CURRENT, staging.state());
        assertEquals(Events.digest('a'), staging.current().digest());
        assertEquals(0, staging.behind());
    }

    @Test
    void behindByTheDigestsThatReachedTheEnvironmentBefore() {
        e.deploy("shop", "dev", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "staging", 'a');
        e.deploy("shop", "dev", 'b');
        e.deploy("shop", "dev", 'c');
        Dashboard.Cell staging = cell("staging");
        assertEquals(CellState.BEHIND, staging.state());
        assertEquals(2, staging.behind());
        assertEquals(CellState.CURRENT, cell("dev").state(), "dev has no source");
    }

    @Test
    void promotingWhileStartedWithoutOutcomeBeforeTheDeadline() {
        e.deploy("shop", "staging", 'a');
        started("prod", 'a', e.next().plus(Duration.ofMinutes(10)));
        Dashboard.Cell prod = cell("prod");
        assertEquals(CellState.PROMOTING, prod.state());
        assertEquals(Events.digest('a'), prod.promoting().digest());
        assertNull(prod.current(), "nothing ran in prod yet");

        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'a');
        assertEquals(CellState.CURRENT, cell("prod").state());
        assertNull(cell("prod").promoting());
    }

    @Test
    void promotingEndsWhenTheDeadlinePasses() {
        e.deploy("shop", "staging", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'a');
        e.deploy("shop", "staging", 'b');
        Instant deadline = e.next().plus(Duration.ofMinutes(10));
        started("prod", 'b', deadline);
        assertEquals(CellState.PROMOTING, cell("prod", deadline).state(), "at the deadline itself");
        Dashboard.Cell after = cell("prod", deadline.plusSeconds(1));
        assertEquals(CellState.BEHIND, after.state(), "abandoned: back to what the cell runs");
        assertNull(after.promoting());
    }

    @Test
    void aStartWithoutDeadlineCountsAsUnderWayForTheWindow() {
        e.deploy("shop", "staging", 'a');
        Instant startedAt = e.next();
        started("prod", 'a', null);
        assertEquals(
                CellState.PROMOTING,
                cell("prod", startedAt.plus(DashboardQuery.PROMOTION_WINDOW)).state());
        assertNull(cell("prod", startedAt.plus(DashboardQuery.PROMOTION_WINDOW).plusSeconds(1)));
    }

    @Test
    void waitingWhileAnApprovalIsPendingAndNoLongerOnceApproved() {
        e.deploy("shop", "prod", 'a');
        e.requested("shop", "prod", 'b', "r1");
        assertEquals(CellState.WAITING, cell("prod").state());
        e.decided(LedgerEventType.APPROVED, "shop", "prod", 'b', "r1", "pending");
        assertEquals(CellState.WAITING, cell("prod").state(), "one of two approvals");
        e.decided(LedgerEventType.APPROVED, "shop", "prod", 'b', "r1", "approved");
        assertEquals(CellState.CURRENT, cell("prod").state());
    }

    @Test
    void failedWhenTheLastAttemptAfterTheCurrentDigestFailed() {
        e.deploy("shop", "staging", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'a');
        started("prod", 'b', e.next().plusSeconds(600));
        failed("prod", 'b');
        Dashboard.Cell prod = cell("prod");
        assertEquals(CellState.FAILED, prod.state());
        assertEquals(
                "gate signature failed: no signature for the digest",
                prod.failure().reason());
        assertEquals(Events.digest('a'), prod.current().digest(), "still runs what it ran");

        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'c');
        assertEquals(CellState.CURRENT, cell("prod").state(), "a later digest arrived");
        assertNull(cell("prod").failure());
    }

    @Test
    void heldAfterARollbackUntilAPromotionReleasesIt() {
        e.deploy("shop", "staging", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'b');
        e.add(LedgerEvent.builder(LedgerEventType.ROLLED_BACK, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/job/main/7/")
                .detail("hold", "true")
                .detail("rolled-back-from", Events.digest('b')));
        assertEquals(CellState.HELD, cell("prod").state());
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'c');
        assertEquals(CellState.HELD, cell("prod").state(), "a promotion that does not release keeps the hold");
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/job/main/9/")
                .detail("hold", "released"));
        assertEquals(CellState.CURRENT, cell("prod").state());
    }

    @Test
    void driftedWhenSomethingElseRunsAndCurrentWhenTheSameRuns() {
        e.deploy("shop", "dev", 'a');
        Instant seen = e.next();
        drift.put("shop dev", new DriftReading(DriftStatus.SAME, Events.digest('a'), seen, seen, null));
        Dashboard.Cell same = cell("dev");
        assertEquals(CellState.CURRENT, same.state());
        assertNotNull(same.drift(), "the reading is shown even when nothing drifted");

        drift.put(
                "shop dev",
                new DriftReading(
                        DriftStatus.DIFFERENT, Events.digest('f'), seen, seen, "runs sha256:ffffffffffff instead"));
        assertEquals(CellState.DRIFTED, cell("dev").state());
        drift.put("shop dev", new DriftReading(DriftStatus.UNREADABLE, null, null, seen, "timed out after 20 s"));
        assertEquals(CellState.CURRENT, cell("dev").state(), "a read that failed is no drift");
    }

    @Test
    void precedenceWhenEveryStateApplies() {
        e.deploy("shop", "staging", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'a');
        e.deploy("shop", "staging", 'b');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'c');
        e.add(LedgerEvent.builder(LedgerEventType.ROLLED_BACK, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/job/main/7/")
                .detail("hold", "true"));
        e.requested("shop", "prod", 'b', "r1");
        started("prod", 'b', e.next().plusSeconds(600));
        Instant now = e.next();
        drift.put("shop prod", new DriftReading(DriftStatus.DIFFERENT, Events.digest('e'), now, now, "other"));

        assertEquals(CellState.DRIFTED, cell("prod", now).state());
        drift.clear();
        assertEquals(CellState.PROMOTING, cell("prod", now).state());
        assertEquals(CellState.WAITING, cell("prod", now.plusSeconds(3600)).state(), "the start was abandoned");
        e.decided(LedgerEventType.REJECTED, "shop", "prod", 'b', "r1", "rejected");
        Instant later = e.next().plusSeconds(3600);
        Dashboard.Cell held = cell("prod", later);
        assertEquals(CellState.HELD, held.state());
        assertEquals(1, held.behind(), "behind applies too");
        e.add(LedgerEvent.builder(LedgerEventType.PROMOTED, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/job/main/12/")
                .detail("hold", "released"));
        assertEquals(CellState.BEHIND, cell("prod").state());
    }

    @Test
    void failedWinsOverHeldAndBehindAndANewAttemptClearsIt() {
        e.deploy("shop", "staging", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'a');
        e.add(LedgerEventType.PROMOTED, "shop", "prod", 'b');
        e.add(LedgerEvent.builder(LedgerEventType.ROLLED_BACK, "shop", "prod")
                .digest(Events.digest('a'))
                .build("job/shop/job/main/7/")
                .detail("hold", "true"));
        e.deploy("shop", "staging", 'c');
        started("prod", 'c', e.next().plusSeconds(600));
        failed("prod", 'c');
        assertEquals(CellState.FAILED, cell("prod").state());
        assertEquals(1, cell("prod").behind());
        Instant startedAt = e.next();
        started("prod", 'c', startedAt.plusSeconds(60));
        assertEquals(CellState.PROMOTING, cell("prod", startedAt).state());
        assertEquals(CellState.HELD, cell("prod", startedAt.plusSeconds(61)).state(), "the last attempt did not fail");
        assertNull(cell("prod", startedAt.plusSeconds(61)).failure());
    }

    @Test
    void strongestFollowsThePrecedenceForEveryCombination() {
        List<CellState> order = CellState.PRECEDENCE;
        assertEquals(
                List.of(
                        CellState.DRIFTED,
                        CellState.PROMOTING,
                        CellState.WAITING,
                        CellState.FAILED,
                        CellState.HELD,
                        CellState.BEHIND,
                        CellState.CURRENT,
                        CellState.EMPTY),
                order);
        for (int mask = 0; mask < 1 << 7; mask++) {
            Set<CellState> applicable = EnumSet.noneOf(CellState.class);
            for (int bit = 0; bit < 7; bit++) {
                if ((mask & 1 << bit) != 0) {
                    applicable.add(order.get(bit));
                }
            }
            CellState expected = mask == 0 ? CellState.EMPTY : order.get(Integer.numberOfTrailingZeros(mask));
            assertEquals(expected, CellState.strongest(applicable), applicable.toString());
        }
        assertEquals("promoting", CellState.PROMOTING.id());
    }
}
