package io.jenkins.plugins.environments.dashboard;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver, for timing a page served by {@link TimedPageServer}: each
 * {@link #load} is a new navigation, and the times are the browser's own ({@code performance.now()} and the
 * Navigation and Resource Timing entries), in milliseconds since that navigation started, with the renderer's
 * main-thread time by kind (DevTools' Performance metrics) for a profile of where the time went.
 */
final class TimedChromium implements AutoCloseable {

    /** The flags the project's page tests use, and the size of a laptop's window. */
    static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1366,900");

    private final ChromeDriver driver;
    private final String version;

    private TimedChromium(ChromeDriver driver) {
        this.driver = driver;
        Object name = driver.getCapabilities().getBrowserVersion();
        this.version = name == null ? "unknown" : name.toString();
    }

    /**
     * Starts Chromium with a fresh profile in {@code userDataDir}.
     *
     * @throws IllegalStateException when {@code chromium} or {@code chromedriver} is not on the PATH
     */
    static TimedChromium start(Path userDataDir) {
        Path browser = onPath("chromium")
                .or(() -> onPath("chromium-browser"))
                .orElseThrow(() -> new IllegalStateException(
                        "'chromium' was not found on PATH: install Debian's chromium and chromium-driver"));
        Path chromedriver = onPath("chromedriver")
                .orElseThrow(() -> new IllegalStateException(
                        "'chromedriver' was not found on PATH: install Debian's chromium-driver"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(FLAGS);
        options.addArguments("--user-data-dir=" + userDataDir.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Performance.enable", Map.of());
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new TimedChromium(driver);
    }

    /** @return the browser's version */
    String version() {
        return version;
    }

    /**
     * Opens the page from a blank one and waits until its probe saw the first screen, the filter's answer and the matrix complete.
     *
     * @return when each part of the load ended
     */
    PageTiming load(URI page) {
        driver.get("about:blank");
        Map<String, Double> before = mainThread();
        driver.get(page.toString());
        JavascriptExecutor js = driver;
        Object answer = js.executeAsyncScript("""
                var callback = arguments[arguments.length - 1];
                window.emBenchDone.then(function (probe) {
                  var navigation = performance.getEntriesByType('navigation')[0];
                  var data = performance.getEntriesByType('resource').filter(function (entry) {
                    return /\\/data$/.test(entry.name);
                  })[0];
                  callback({
                    rows: probe.rows,
                    elements: document.getElementsByTagName('*').length,
                    firstRows: probe.firstRows,
                    rendered: probe.rendered,
                    painted: probe.painted,
                    filterMs: probe.filterMs,
                    filterDrawn: probe.filterDrawn,
                    filterShown: probe.filterShown,
                    filterRight: probe.filterRight,
                    complete: probe.complete,
                    completePainted: probe.completePainted,
                    documentEnd: navigation.responseEnd,
                    domContentLoaded: navigation.domContentLoadedEventEnd,
                    dataStart: data ? data.requestStart : -1,
                    dataFirstByte: data ? data.responseStart : -1,
                    dataEnd: data ? data.responseEnd : -1,
                    dataBytes: data ? data.transferSize : -1
                  });
                });
                """);
        if (!(answer instanceof Map<?, ?> map)) {
            throw new IllegalStateException("The page's probe answered " + answer);
        }
        Map<String, Double> after = mainThread();
        return new PageTiming(
                number(map, "rows").longValue(),
                number(map, "elements").longValue(),
                number(map, "documentEnd").doubleValue(),
                number(map, "domContentLoaded").doubleValue(),
                number(map, "dataStart").doubleValue(),
                number(map, "dataFirstByte").doubleValue(),
                number(map, "dataEnd").doubleValue(),
                number(map, "firstRows").longValue(),
                number(map, "rendered").doubleValue(),
                number(map, "painted").doubleValue(),
                number(map, "filterMs").doubleValue(),
                number(map, "filterDrawn").doubleValue(),
                number(map, "filterShown").longValue(),
                Boolean.TRUE.equals(map.get("filterRight")),
                number(map, "complete").doubleValue(),
                number(map, "completePainted").doubleValue(),
                spent(before, after, "RecalcStyleDuration"),
                spent(before, after, "LayoutDuration"),
                spent(before, after, "TaskDuration"));
    }

    /** @return the renderer's main-thread time counters (Chrome DevTools' Performance metrics), in seconds */
    private Map<String, Double> mainThread() {
        Map<String, Object> answer = driver.executeCdpCommand("Performance.getMetrics", Map.of());
        Map<String, Double> metrics = new java.util.HashMap<>();
        if (answer.get("metrics") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> metric && metric.get("value") instanceof Number value) {
                    metrics.put(String.valueOf(metric.get("name")), value.doubleValue());
                }
            }
        }
        return metrics;
    }

    /**
     * @return the milliseconds a counter grew by (all of it when the page got a new renderer, which starts at 0), or
     *     -1 when the browser does not report it
     */
    private static double spent(Map<String, Double> before, Map<String, Double> after, String name) {
        Double start = before.get(name);
        Double end = after.get(name);
        if (end == null) {
            return -1;
        }
        return start == null || end < start ? end * 1000 : (end - start) * 1000;
    }

    private static Number number(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (!(value instanceof Number n)) {
            throw new IllegalStateException("The page's probe gave no number for " + key + ": " + map);
        }
        return n;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** @return a new empty profile folder under {@code parent} */
    static Path freshProfile(Path parent) throws IOException {
        return Files.createTempDirectory(parent, "chromium-profile-");
    }

    /**
     * One page load, in milliseconds since the navigation started.
     *
     * @param rows the matrix rows the probe counted
     * @param elements the elements in the page once it was drawn
     * @param documentEnd the shell's last byte arrived
     * @param domContentLoaded the shell was parsed and its scripts ran
     * @param dataStart the {@code data} request was sent
     * @param dataFirstByte the {@code data} answer's first byte arrived (the server made the JSON in between)
     * @param dataEnd its last byte arrived
     * @param firstRows the matrix rows in the document when they first filled the window
     * @param rendered the matrix had its first screenful of rows
     * @param painted the frame after that was drawn
     * @param filterMs from typing the last app's name into the filter (right after {@code painted}) to the frame with
     *     the answer drawn
     * @param filterDrawn that frame was drawn: the page had shown its first screen and answered input over every app
     * @param filterShown the matrix rows the filter left visible
     * @param filterRight the one row visible was the last app's
     * @param complete the matrix had all its rows (the filter cleared again)
     * @param completePainted the frame after that was drawn
     * @param styleMs the main thread's time recalculating styles during the load ({@code RecalcStyleDuration})
     * @param layoutMs its time in layout ({@code LayoutDuration})
     * @param taskMs its time in tasks of any kind ({@code TaskDuration}), the two above included
     */
    record PageTiming(
            long rows,
            long elements,
            double documentEnd,
            double domContentLoaded,
            double dataStart,
            double dataFirstByte,
            double dataEnd,
            long firstRows,
            double rendered,
            double painted,
            double filterMs,
            double filterDrawn,
            long filterShown,
            boolean filterRight,
            double complete,
            double completePainted,
            double styleMs,
            double layoutMs,
            double taskMs) {}
}
