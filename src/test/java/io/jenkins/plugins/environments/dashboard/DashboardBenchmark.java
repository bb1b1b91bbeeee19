package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.environments.ledger.Ledger;
import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.testing.PerformanceReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard at the scale of issue 13 (500 apps × 8 environments, 2,000 live previews, 100,000 ledger events in a
 * real ledger file): the index built at start-up and the heap it keeps, the matrix JSON's time and size, one app's
 * history, and the time until the page in headless Chromium shows every row. Written into section {@value #SECTION}
 * of {@code docs/performance.md}. Counts are asserted; times are only reported.
 */
@Tag(PerformanceReport.TAG)
class DashboardBenchmark {

    static final String SECTION = "dashboard";
    private static final String COMMAND = "mvn -B -f central-build/pom.xml verify -Dbenchmarks"
            + " -Dtest=DashboardBenchmark -Dsurefire.failIfNoSpecifiedTests=false";

    private static final int APPS = 500;
    private static final int ENVIRONMENTS = 8;
    private static final int PREVIEWS = 2_000;
    private static final int EVENTS = 100_000;
    private static final long SEED = 13;

    private static final int INDEX_RUNS = 5;
    private static final int JSON_WARM_UP = 15;
    private static final int JSON_RUNS = 25;
    private static final int PAGE_RUNS = 5;

    /** One in this many cells reads as drifted in the run with drift readings. */
    private static final int DRIFTED_ONE_IN = 50;

    @TempDir
    Path dir;

    @Test
    void dashboardAtScale() throws Exception {
        double loadBefore = loadAverage();
        SyntheticLedger synthetic = SyntheticLedger.of(APPS, ENVIRONMENTS, PREVIEWS, EVENTS, SEED);
        List<LedgerEvent> generated = synthetic.events();
        Path file = writeLedger(generated);
        long fileBytes = Files.size(file);
        int eventCount = generated.size();
        generated = null;

        StartUp startUp = startUp(file, eventCount);

        LedgerIndex index = LedgerIndex.of(Ledger.open(file, Clock.systemUTC()).events());
        Clock clock = Clock.fixed(synthetic.end().plus(Duration.ofMinutes(5)), ZoneOffset.UTC);
        DashboardQuery plain =
                new DashboardQuery(synthetic.configuration(), index, DriftReadings.NONE, Visibility.ALL, clock);
        DashboardQuery drifted = new DashboardQuery(
                synthetic.configuration(), index, driftEverywhere(index, synthetic), Visibility.ALL, clock);
        Matrix withoutDrift = matrix(plain);
        Matrix withDrift = matrix(drifted);
        assertEquals(APPS, withDrift.dashboard().apps().size(), "one row per app");
        assertEquals(
                index.openPreviews().size(), withDrift.dashboard().previews().size(), "every open preview");

        Histories histories = histories(plain, index);

        String lastApp = withDrift.dashboard().apps().getLast().name();
        probedApp = lastApp;
        List<TimedChromium.PageTiming> page = page(() -> DashboardJson.write(drifted.dashboard()), APPS, lastApp);
        page.forEach(timing -> {
            assertEquals(APPS, timing.rows(), "every row rendered in the end");
            assertEquals(1, timing.filterShown(), "the filter for " + lastApp + " left one row");
            assertTrue(timing.filterRight(), "the filter for " + lastApp + " showed its row");
        });

        double loadAfter = loadAverage();
        PerformanceReport.project()
                .writeSection(
                        SECTION,
                        report(
                                eventCount,
                                fileBytes,
                                index,
                                startUp,
                                withoutDrift,
                                withDrift,
                                histories,
                                page,
                                loadBefore,
                                loadAfter));
    }

    // --------------------------------------------------------------------------------------------------------------
    // The ledger file.

    /**
     * Appends the events through {@link Ledger} into a file on {@code /dev/shm} when there is one (a memory file
     * system, where each append's fsync costs nothing), then copies it into the test's folder on the disk.
     */
    private Path writeLedger(List<LedgerEvent> events) throws IOException {
        Path shm = Path.of("/dev/shm");
        Path scratch = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "dashboard-benchmark-")
                : Files.createDirectories(dir.resolve("written"));
        try {
            Ledger ledger = Ledger.open(scratch.resolve("ledger.jsonl"), Clock.systemUTC());
            for (LedgerEvent event : events) {
                ledger.append(event);
            }
            List<Path> files = ledger.files();
            assertEquals(1, files.size(), "100,000 events fit in one segment of 64 MiB: " + files);
            Path target = Files.createDirectories(dir.resolve("ledger")).resolve("ledger.jsonl");
            Files.copy(files.get(0), target);
            return target;
        } finally {
            try (var walk = Files.walk(scratch)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // --------------------------------------------------------------------------------------------------------------
    // (a) Start-up: read the ledger file, build the index.

    private record StartUp(
            List<Double> readMs,
            List<Double> buildMs,
            List<Double> totalMs,
            List<Double> cpuMs,
            long retainedBytes,
            long eventsBytes) {}

    private static StartUp startUp(Path file, int events) throws IOException {
        List<Double> read = new ArrayList<>();
        List<Double> build = new ArrayList<>();
        List<Double> total = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        // The first run is the JVM's first read and index (the start-up of Jenkins); the report shows it apart.
        for (int run = 0; run <= INDEX_RUNS; run++) {
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            List<LedgerEvent> read1 = Ledger.open(file, Clock.systemUTC()).events();
            long readEnd = System.nanoTime();
            LedgerIndex index = LedgerIndex.of(read1);
            long end = System.nanoTime();
            cpu.add((cpuNanos() - cpuStart) / 1e6);
            assertEquals(events, read1.size(), "every event read back");
            assertEquals(events, index.revision(), "every event indexed");
            read.add((readEnd - start) / 1e6);
            build.add((end - readEnd) / 1e6);
            total.add((end - start) / 1e6);
        }
        long before = usedHeapAfterGc();
        List<LedgerEvent> held = Ledger.open(file, Clock.systemUTC()).events();
        long withEvents = usedHeapAfterGc();
        LedgerIndex index = LedgerIndex.of(held);
        held = null;
        long after = usedHeapAfterGc();
        assertEquals(events, index.revision());
        return new StartUp(read, build, total, cpu, after - before, withEvents - before);
    }

    private static long usedHeapAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    // --------------------------------------------------------------------------------------------------------------
    // (b) The matrix JSON.

    private record Matrix(
            Dashboard dashboard, List<Double> ms, List<Double> cpuMs, int bytes, int gzipBytes, int cells) {}

    private static Matrix matrix(DashboardQuery query) {
        String json = null;
        for (int run = 0; run < JSON_WARM_UP; run++) {
            json = DashboardJson.write(query.dashboard());
        }
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int run = 0; run < JSON_RUNS; run++) {
            long cpuStart = cpuNanos();
            long start = System.nanoTime();
            json = DashboardJson.write(query.dashboard());
            ms.add((System.nanoTime() - start) / 1e6);
            cpu.add((cpuNanos() - cpuStart) / 1e6);
        }
        Dashboard dashboard = query.dashboard();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        int cells = dashboard.apps().stream().mapToInt(r -> r.cells().size()).sum();
        return new Matrix(dashboard, ms, cpu, bytes.length, gzip(bytes).length, cells);
    }

    /** Readings for every cell that runs something, as the drift monitor has them: same, one in 50 different. */
    private static DriftReadings driftEverywhere(LedgerIndex index, SyntheticLedger synthetic) {
        Map<String, DriftReading> readings = new HashMap<>();
        Instant checked = synthetic.end();
        int n = 0;
        for (String app : index.apps()) {
            for (var environment : synthetic.environmentList()) {
                Optional<CellFacts> facts = index.cell(app, environment.name(), null);
                if (facts.isEmpty() || facts.get().current() == null) {
                    continue;
                }
                String digest = facts.get().current().digest();
                boolean different = n++ % DRIFTED_ONE_IN == 0;
                readings.put(
                        app + "\n" + environment.name(),
                        different
                                ? new DriftReading(
                                        DriftStatus.DIFFERENT,
                                        "sha256:" + "d".repeat(64),
                                        checked.minus(Duration.ofHours(3)),
                                        checked,
                                        "runs sha256:dddddddddddd instead")
                                : new DriftReading(
                                        DriftStatus.SAME, digest, checked.minus(Duration.ofDays(2)), checked, null));
            }
        }
        return (app, environment) -> Optional.ofNullable(readings.get(app + "\n" + environment));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // --------------------------------------------------------------------------------------------------------------
    // (c) One app's history.

    private record History(String what, List<Double> ms, int total, int shown, int bytes) {}

    private record Histories(String app, int events, List<History> pages) {}

    private static Histories histories(DashboardQuery query, LedgerIndex index) {
        String busiest = index.apps().getFirst();
        int most = -1;
        for (String app : index.apps()) {
            int size = index.history(app, e -> true, 0, 0).total();
            if (size > most) {
                most = size;
                busiest = app;
            }
        }
        int lastOffset = (most - 1) / HistoryRequest.DEFAULT_LIMIT * HistoryRequest.DEFAULT_LIMIT;
        List<History> pages = List.of(
                history(query, "first page of 50, every type", HistoryRequest.parse(busiest, "0", "50", null, null)),
                history(
                        query,
                        "first page of 50, promotions and rollbacks in prod",
                        HistoryRequest.parse(busiest, "0", "50", "promoted,rolled-back", "prod")),
                history(
                        query,
                        "last page of 50 (offset " + lastOffset + ")",
                        HistoryRequest.parse(busiest, Integer.toString(lastOffset), "50", null, null)));
        assertEquals(HistoryRequest.DEFAULT_LIMIT, pages.getFirst().shown(), "a full first page");
        assertEquals(most, pages.getFirst().total(), "every event of the app counted");
        return new Histories(busiest, most, pages);
    }

    private static History history(DashboardQuery query, String what, HistoryRequest request) {
        String json = null;
        HistoryPage page = null;
        for (int run = 0; run < JSON_WARM_UP; run++) {
            json = DashboardJson.history(query.history(request));
        }
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < JSON_RUNS; run++) {
            long start = System.nanoTime();
            page = query.history(request);
            json = DashboardJson.history(page);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        return new History(what, ms, page.total(), page.events().size(), json.getBytes(StandardCharsets.UTF_8).length);
    }

    // --------------------------------------------------------------------------------------------------------------
    // (d) Time to interactive in headless Chromium.

    private String browserVersion = "unknown";
    private String probedApp = "";

    private List<TimedChromium.PageTiming> page(Supplier<String> data, int rows, String lastApp) throws IOException {
        List<TimedChromium.PageTiming> timings = new ArrayList<>();
        try (TimedPageServer server = TimedPageServer.start(TimedPageServer.sourceAssets(), data, rows, lastApp);
                TimedChromium chromium = TimedChromium.start(TimedChromium.freshProfile(dir))) {
            browserVersion = chromium.version();
            chromium.load(server.url()); // warm-up: the browser's first page
            for (int run = 0; run < PAGE_RUNS; run++) {
                timings.add(chromium.load(server.url()));
            }
        }
        return timings;
    }

    // --------------------------------------------------------------------------------------------------------------
    // The report.

    private String report(
            int events,
            long fileBytes,
            LedgerIndex index,
            StartUp startUp,
            Matrix withoutDrift,
            Matrix withDrift,
            Histories histories,
            List<TimedChromium.PageTiming> page,
            double loadBefore,
            double loadAfter) {
        StringBuilder md = new StringBuilder("## Environment dashboard at 500 apps × 8 environments\n\n");
        md.append("Written by `DashboardBenchmark`. ")
                .append(PerformanceReport.machine())
                .append(String.format(
                        Locale.ROOT,
                        " Maximum heap of the test JVM: %d MiB. Chromium %s (Debian), headless.%n%n",
                        Runtime.getRuntime().maxMemory() >> 20,
                        browserVersion));
        List<Double> warmTotal = startUp.totalMs().subList(1, startUp.totalMs().size());
        List<Double> warmRead = startUp.readMs().subList(1, startUp.readMs().size());
        List<Double> warmBuild = startUp.buildMs().subList(1, startUp.buildMs().size());
        md.append(String.format(
                Locale.ROOT,
                "Data: `SyntheticLedger.of(500, 8, 2000, 100000, %d)`: %,d events (deploys, promotions started, "
                        + "failed and done, approval requests and decisions, rollbacks with holds, teardowns, "
                        + "previews deployed, redeployed and torn down) over %d apps and 8 environments, appended "
                        + "through `Ledger` into one file of %.1f MiB. At the end %,d previews are open, %,d "
                        + "approvals wait, and the matrix has %,d non-empty cells.%n%n",
                SEED,
                events,
                index.apps().size(),
                fileBytes / 1048576.0,
                index.openPreviews().size(),
                index.pendingApprovals().size(),
                withDrift.cells()));
        md.append("| measure | median | spread (min – max) | runs | CPU time of the thread, median | goal | met |\n");
        md.append("|---|---:|---:|---:|---:|---|---|\n");
        List<Double> warmCpu = startUp.cpuMs().subList(1, startUp.cpuMs().size());
        row(md, "start-up: read the ledger file + build `LedgerIndex`", warmTotal, warmCpu, "< 2 s", 2000);
        row(md, "… of which reading and parsing the file", warmRead, null, "", 0);
        row(md, "… of which building the index", warmBuild, null, "", 0);
        row(
                md,
                "start-up, the JVM's first run (code not yet compiled)",
                startUp.totalMs().subList(0, 1),
                startUp.cpuMs().subList(0, 1),
                "< 2 s",
                2000);
        row(
                md,
                "matrix JSON: `DashboardQuery` + `DashboardJson.write`, a drift reading in every cell",
                withDrift.ms(),
                withDrift.cpuMs(),
                "< 100 ms",
                100);
        row(md, "matrix JSON without drift readings", withoutDrift.ms(), withoutDrift.cpuMs(), "< 100 ms", 100);
        for (History history : histories.pages()) {
            row(md, "one app's history: " + history.what(), history.ms(), null, "", 0);
        }
        row(
                md,
                "time to interactive in headless Chromium (navigation start → first screenful of rows drawn, then"
                        + " the filter typed for the last app answered and drawn)",
                page.stream().map(TimedChromium.PageTiming::filterDrawn).toList(),
                null,
                "< 1 s",
                1000);
        row(
                md,
                "… of which the filter's answer (typed → drawn)",
                page.stream().map(TimedChromium.PageTiming::filterMs).toList(),
                null,
                "",
                0);
        row(
                md,
                "all 500 rows in the matrix and drawn (they come in chunks between frames)",
                page.stream().map(TimedChromium.PageTiming::completePainted).toList(),
                null,
                "",
                0);
        md.append('\n');

        md.append(String.format(
                Locale.ROOT,
                "Heap: the index retains **%.1f MiB** (used heap after a full GC with the index built, minus before;"
                        + " measured with `MemoryMXBean`). Built from a list of every event"
                        + " (`LedgerIndex.of(ledger.events())`, as this benchmark does to time reading and building"
                        + " apart), the %,d events take another %.1f MiB for a moment; the Jenkins side"
                        + " (`LedgerFollower`) builds the index as the file is read and holds no such list.%n%n",
                startUp.retainedBytes() / 1048576.0,
                events,
                startUp.eventsBytes() / 1048576.0));
        md.append(String.format(
                Locale.ROOT,
                "Matrix JSON size: %,d bytes (%,d gzipped) with a drift reading in every cell, %,d bytes (%,d "
                        + "gzipped) without; %d rows, %,d previews, %d approvals. One app's history: app `%s` with "
                        + "%,d events; its first page is %,d bytes.%n%n",
                withDrift.bytes(),
                withDrift.gzipBytes(),
                withoutDrift.bytes(),
                withoutDrift.gzipBytes(),
                withDrift.dashboard().apps().size(),
                withDrift.dashboard().previews().size(),
                withDrift.dashboard().approvals().size(),
                histories.app(),
                histories.events(),
                histories.pages().getFirst().bytes()));

        md.append("Page load in headless Chromium, parts (medians, ms since navigation start): ");
        md.append(String.format(
                Locale.ROOT,
                "shell received %s, shell parsed (DOMContentLoaded) %s, `data` requested %s, its first byte %s "
                        + "(the server makes the JSON meanwhile), its last byte %s, the first screenful of rows in "
                        + "the document %s (%d rows), the next frame drawn %s, the filter's answer drawn %s, all 500 "
                        + "rows in the document %s and drawn %s. Runs (interactive: filter's answer drawn): %s. The "
                        + "page is served by a minimal loopback "
                        + "server in the test (`TimedPageServer`): the view's shell markup, the plugin's "
                        + "`dashboard.js` and `dashboard.css`, and `data` made on each request with the readings "
                        + "above, uncompressed. A probe script (`MutationObserver`) notes when the matrix first has "
                        + "rows down to the bottom of the window (1,366 × 900 px, headless) and when the next frame "
                        + "was drawn; it then types the name of the last app (`%s`, a row the page has not drawn yet "
                        + "by then) into the filter box and notes when the frame with the answer was drawn, checking "
                        + "that the matrix shows that app's row and no other; then it clears the filter and notes "
                        + "when all 500 rows are in the matrix and drawn. *Time to interactive* is the instant the "
                        + "filter's answer was drawn: the first screen is visible and the page has answered input "
                        + "over every app. Before the page drew its rows in chunks, the same row measured the 500th "
                        + "row drawn (4,311 ms median on 2026-12-08, all rows at once). One warm-up load, then %d "
                        + "loads in the same browser, each a new navigation from `about:blank` (no HTTP cache: "
                        + "`no-store`).%n%n"
                        + "Where the time went (medians): from the data's last byte to the first screenful of rows "
                        + "in the document, %s (the script parses the JSON and builds the first rows, approvals and "
                        + "the first page of previews); "
                        + "the browser's main thread spent, by DevTools' Performance metrics for the whole load "
                        + "until every row was in, "
                        + "%s on style, %s on layout, and %s in tasks of any kind (the rest of it mostly painting). "
                        + "The page has %,d elements once every row is in.%n%n",
                ms(median(
                        page.stream().map(TimedChromium.PageTiming::documentEnd).toList())),
                ms(median(page.stream()
                        .map(TimedChromium.PageTiming::domContentLoaded)
                        .toList())),
                ms(median(page.stream().map(TimedChromium.PageTiming::dataStart).toList())),
                ms(median(page.stream()
                        .map(TimedChromium.PageTiming::dataFirstByte)
                        .toList())),
                ms(median(page.stream().map(TimedChromium.PageTiming::dataEnd).toList())),
                ms(median(page.stream().map(TimedChromium.PageTiming::rendered).toList())),
                page.getLast().firstRows(),
                ms(median(page.stream().map(TimedChromium.PageTiming::painted).toList())),
                ms(median(
                        page.stream().map(TimedChromium.PageTiming::filterDrawn).toList())),
                ms(median(page.stream().map(TimedChromium.PageTiming::complete).toList())),
                ms(median(page.stream()
                        .map(TimedChromium.PageTiming::completePainted)
                        .toList())),
                runs(page.stream().map(TimedChromium.PageTiming::filterDrawn).toList()),
                probedApp,
                PAGE_RUNS,
                ms(median(page.stream().map(t -> t.rendered() - t.dataEnd()).toList())),
                ms(median(page.stream().map(TimedChromium.PageTiming::styleMs).toList())),
                ms(median(page.stream().map(TimedChromium.PageTiming::layoutMs).toList())),
                ms(median(page.stream().map(TimedChromium.PageTiming::taskMs).toList())),
                page.getLast().elements()));

        md.append(findings(startUp, withDrift, page));
        md.append(String.format(
                Locale.ROOT,
                "Start-up runs (read + build, ms): %s; the first is the JVM's first. Matrix JSON: %d warm-up runs, "
                        + "then %d timed. History: %d warm-up runs, then %d timed.%n%n",
                runs(startUp.totalMs()),
                JSON_WARM_UP,
                JSON_RUNS,
                JSON_WARM_UP,
                JSON_RUNS));
        md.append(String.format(
                Locale.ROOT,
                "One-minute load average of the machine: %.2f before the runs, %.2f after (2 cores shared with other "
                        + "builds when it is above 2: the times are then longer and vary more than on an idle "
                        + "machine).%n%n",
                loadBefore,
                loadAfter));
        md.append("Reproduce:\n\n```\n").append(COMMAND).append("\n```\n");
        return md.toString();
    }

    /** What the figures say about the goals, and what would change them. */
    private static String findings(StartUp startUp, Matrix withDrift, List<TimedChromium.PageTiming> page) {
        List<Double> warmRead = startUp.readMs().subList(1, startUp.readMs().size());
        List<Double> warmTotal = startUp.totalMs().subList(1, startUp.totalMs().size());
        double readShare = median(warmRead) / median(warmTotal);
        return String.format(
                Locale.ROOT,
                "Findings. *Start-up*: the thread's CPU time for reading the file and building the index is %s "
                        + "(%s in the JVM's first run), %s; reading and "
                        + "parsing the file takes about %.0f %% of the wall-clock time, building the index the rest. "
                        + "`LedgerJson.read` reads each line in one pass with Jackson's streaming parser (no tree), "
                        + "and the Jenkins side builds the index as the ledger is read (`LedgerFollower` through "
                        + "`Ledger.replayAndListen`), without a list of every event; the list this benchmark "
                        + "builds is only for measuring the two parts apart. *Matrix JSON*: its CPU time, %s, is %s "
                        + "the goal; the wall-clock median is longer when the cores are shared. *Page*: the script "
                        + "needs %s from "
                        + "the data to the first screenful of rows in the document. The page draws the first %d "
                        + "matrix rows at once and the rest in chunks of about 40 ms between frames, so input is "
                        + "answered meanwhile (the filter's answer took %s from typing to drawing); the filter works on "
                        + "the data, and draws a matching row at once when the chunks have not reached it yet. The "
                        + "matrix has a fixed table layout (the header sets the column widths, so added rows do not "
                        + "make the table measure again), its cells have `content-visibility: auto` (cells out of "
                        + "view are neither laid out nor painted), a cell's actor and strategy are one text node, "
                        + "and the previews show 50 at a time with a *Show more* button (the filter applies to all "
                        + "of them). The whole matrix is in after %s (%,d elements then, previously 73,530 at "
                        + "once).%n%n",
                ms(median(startUp.cpuMs().subList(1, startUp.cpuMs().size()))),
                ms(startUp.cpuMs().getFirst()),
                median(startUp.cpuMs().subList(1, startUp.cpuMs().size())) >= 2000
                        ? "more than the goal before any wait for a core"
                        : "within the goal when a core is free for it",
                100 * readShare,
                ms(median(withDrift.cpuMs())),
                median(withDrift.cpuMs()) < 100 ? "within" : "over",
                ms(median(page.stream().map(t -> t.rendered() - t.dataEnd()).toList())),
                page.getLast().firstRows(),
                ms(median(page.stream().map(TimedChromium.PageTiming::filterMs).toList())),
                ms(median(page.stream()
                        .map(TimedChromium.PageTiming::completePainted)
                        .toList())),
                page.getLast().elements());
    }

    /**
     * A row of the table: the wall-clock median decides whether the goal is met; the thread's CPU time, when given,
     * says whether it would be on a machine with a core free for it.
     */
    private static void row(
            StringBuilder md, String what, List<Double> ms, List<Double> cpuMs, String goal, double goalMs) {
        double median = median(ms);
        String met = "";
        if (goalMs > 0) {
            met = median < goalMs ? "yes" : "no";
            if (median >= goalMs && cpuMs != null) {
                met += median(cpuMs) < goalMs ? " (CPU time: yes)" : " (CPU time: no)";
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %d | %s | %s | %s |%n",
                what,
                ms(median),
                ms.size() < 2 ? "" : ms(Collections.min(ms)) + " – " + ms(Collections.max(ms)),
                ms.size(),
                cpuMs == null ? "" : ms(median(cpuMs)),
                goal,
                met));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }

    private static String runs(List<Double> ms) {
        return ms.stream()
                .map(v -> String.format(Locale.ROOT, "%.0f", v))
                .toList()
                .toString();
    }

    /** @return the CPU time of this thread: unlike wall-clock time, not lengthened by waiting for a core */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
