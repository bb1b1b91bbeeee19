package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboard of a generated ledger, as a whole. */
class DashboardQueryTest {

    @Test
    void aGeneratedLedgerShowsEveryStateInColumnOrderAndParses() throws Exception {
        SyntheticLedger ledger = SyntheticLedger.of(60, 8, 80, 8000, 3);
        DashboardQuery query = new DashboardQuery(
                ledger.configuration(),
                LedgerIndex.of(ledger.events()),
                DriftReadings.NONE,
                Visibility.ALL,
                Clock.fixed(ledger.end().plus(Duration.ofMinutes(1)), ZoneOffset.UTC));
        Dashboard dashboard = query.dashboard();

        List<String> columns =
                dashboard.environments().stream().map(Dashboard.Column::name).toList();
        assertEquals(List.of("dev", "staging", "qa", "prod", "uat", "perf", "sandbox", "dr"), columns);
        Set<CellState> seen = EnumSet.noneOf(CellState.class);
        for (Dashboard.Row row : dashboard.apps()) {
            List<String> order =
                    row.cells().stream().map(Dashboard.Cell::environment).toList();
            List<String> expected = new ArrayList<>(columns);
            expected.retainAll(order);
            assertEquals(expected, order, row.name());
            row.cells().forEach(c -> seen.add(c.state()));
        }
        assertEquals(
                EnumSet.of(
                        CellState.CURRENT,
                        CellState.BEHIND,
                        CellState.PROMOTING,
                        CellState.WAITING,
                        CellState.HELD,
                        CellState.FAILED),
                seen);
        assertEquals(60, dashboard.apps().size());

        JsonNode json = new ObjectMapper().readTree(DashboardJson.write(dashboard));
        assertEquals(60, json.get("apps").size());
        assertEquals(dashboard.previews().size(), json.get("previews").size());
        assertEquals(dashboard.approvals().size(), json.get("approvals").size());
        assertTrue(dashboard.previews().stream().anyMatch(Dashboard.Preview::expired), "an expired preview");
        assertTrue(dashboard.previews().stream().anyMatch(p -> !p.expired()), "a live preview");
    }
}
