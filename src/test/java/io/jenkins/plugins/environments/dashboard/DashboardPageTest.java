package io.jenkins.plugins.environments.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.environments.ledger.LedgerEvent;
import io.jenkins.plugins.environments.ledger.LedgerEventType;
import io.jenkins.plugins.environments.playground.Playground;
import io.jenkins.plugins.environments.playground.Story;
import io.jenkins.plugins.environments.testing.ScratchDirectory;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard page in a real browser (Debian's {@code chromium}, headless, driven through its
 * {@code chromedriver}), served by the playground: the real script and styles over JSON made by the real index from
 * a ledger that the real preview, promotion and approval code wrote. Screenshots go to {@code docs/images/}.
 */
class DashboardPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** The state each cell of the story must show. */
    private static final Map<String, String> STATES = states();

    private static Playground playground;
    private static ScratchDirectory profile;
    private static ChromeDriver browser;

    private static Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        states.put("checkout/dev", "current");
        states.put("checkout/staging", "current");
        states.put("checkout/prod", "held");
        states.put("inventory/dev", "current");
        states.put("inventory/staging", "behind");
        states.put("inventory/prod", "drifted");
        states.put("payments/dev", "current");
        states.put("payments/staging", "current");
        states.put("payments/prod", "waiting");
        states.put("search/dev", "current");
        states.put("search/staging", "current");
        states.put("search/prod", "failed");
        return states;
    }

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("The page test needs " + CHROMIUM + " and " + CHROMEDRIVER + ": install the Debian packages"
                    + " chromium and chromium-driver (bash bin/setup does)");
        }
        playground = Playground.start(0);
        assertTrue(playground.awaitDriftReadings(Duration.ofSeconds(60)), "every cell's drift was read");
        profile = ScratchDirectory.create("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--user-data-dir=" + profile.path(),
                "--window-size=1400,1100",
                "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (playground != null) {
                    playground.close();
                }
            } finally {
                if (profile != null) {
                    profile.close();
                }
            }
        }
    }

    @BeforeEach
    void open() {
        load("");
    }

    private void load(String query) {
        browser.get(playground.url() + query);
        new WebDriverWait(browser, WAIT)
                .until(driver ->
                        !driver.findElements(By.cssSelector("td.em-cell")).isEmpty());
    }

    private static Story story() {
        return playground.story();
    }

    private static WebElement cell(String app, String environment) {
        return browser.findElement(
                By.cssSelector("td.em-cell[data-app='" + app + "'][data-environment='" + environment + "']"));
    }

    private static String shortOf(String digest) {
        return digest.substring("sha256:".length(), "sha256:".length() + 12);
    }

    private static String url(String relative) {
        return playground.url().resolve(relative).toString();
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    @Test
    void everyCellShowsTheDigestTheLedgerNamesAndItsState() {
        List<String> problems = new ArrayList<>();
        STATES.forEach((key, state) -> {
            String app = key.substring(0, key.indexOf('/'));
            String environment = key.substring(key.indexOf('/') + 1);
            WebElement cell = cell(app, environment);
            String digest = story().digest(app, environment);
            assertNotNull(digest, key + " has a digest in the story");
            if (!cell.getAttribute("class").contains("em-state-" + state)) {
                problems.add(key + " is '" + cell.getAttribute("class") + "', not em-state-" + state);
            }
            WebElement code = cell.findElement(By.cssSelector("code.em-digest"));
            if (!code.getText().equals(shortOf(digest)) || !digest.equals(code.getAttribute("title"))) {
                problems.add(key + " shows " + code.getText() + " (" + code.getAttribute("title") + "), not " + digest);
            }
        });
        assertEquals(List.of(), problems);
        List<String> rows = browser.findElements(By.cssSelector("#em-matrix tbody tr[data-app]")).stream()
                .map(row -> row.getAttribute("data-app"))
                .toList();
        assertEquals(List.of("checkout", "inventory", "payments", "search"), rows);
        List<String> columns = browser.findElements(By.cssSelector("#em-matrix thead th[data-environment]")).stream()
                .map(column -> column.getAttribute("data-environment"))
                .toList();
        assertEquals(List.of("dev", "staging", "prod"), columns, "columns in promotion order");
    }

    @Test
    void theFilterBoxShowsOnlyTheAppsThatMatchAndAllAgainWhenCleared() {
        WebElement filter = browser.findElement(By.id("em-filter"));
        filter.sendKeys("invent");
        new WebDriverWait(browser, WAIT).until(driver -> visibleRows().equals(List.of("inventory")));
        filter.clear();
        filter.sendKeys("zzz-no-app");
        new WebDriverWait(browser, WAIT).until(driver -> visibleRows().isEmpty());
        script("const f = document.getElementById('em-filter'); f.value = '';"
                + " f.dispatchEvent(new Event('input', {bubbles: true}));");
        new WebDriverWait(browser, WAIT).until(driver -> visibleRows().size() == 4);
    }

    private static List<String> visibleRows() {
        return browser.findElements(By.cssSelector("#em-matrix tbody tr[data-app]")).stream()
                .filter(WebElement::isDisplayed)
                .map(row -> row.getAttribute("data-app"))
                .toList();
    }

    @Test
    void theDriftedCellSaysWhatRunsInsteadAndSinceWhen() {
        Story.Drifted drifted = story().drifted().get(0);
        WebElement note = cell(drifted.app(), drifted.environment()).findElement(By.cssSelector(".em-drift"));
        assertTrue(note.getText().startsWith("drifted: runs " + shortOf(drifted.live()) + " since "), note.getText());
        assertEquals(
                drifted.live(),
                note.findElement(By.cssSelector("code.em-digest")).getAttribute("title"),
                "the full live digest on hover");
        assertTrue(
                cell("checkout", "prod")
                        .findElement(By.cssSelector(".em-drift"))
                        .getText()
                        .startsWith("live digest matches"),
                "a cell that runs what the ledger says is not drifted");
    }

    @Test
    void theWaitingApprovalShowsItsCountsWhoMayApproveAndLinksToItsPage() {
        Story.Waiting waiting = story().waiting().get(0);
        List<WebElement> rows = browser.findElements(By.cssSelector("#em-approvals tr.em-approval"));
        assertEquals(1, rows.size(), "one request waits");
        WebElement row = rows.get(0);
        assertEquals(waiting.app(), row.getAttribute("data-app"));
        assertEquals(waiting.environment(), row.getAttribute("data-environment"));
        assertEquals("1 of 2", row.findElement(By.cssSelector(".em-count")).getText());
        assertTrue(row.getText().contains("alice, bob, erin"), row.getText());
        assertTrue(row.getText().contains(shortOf(waiting.digest())), row.getText());
        assertTrue(row.getText().contains("replaces " + shortOf(story().digest("payments", "prod"))), row.getText());
        WebElement review = row.findElement(By.linkText("Review"));
        assertEquals(url("jenkins/" + waiting.page()), review.getAttribute("href"));
    }

    @Test
    void buildAndPullRequestLinksPointUnderTheJenkinsRootAndPreviewUrlsOutside() {
        WebElement held = cell("checkout", "prod");
        assertEquals(
                url("jenkins/job/checkout/job/rollback/3/"),
                held.findElement(By.cssSelector(".em-meta a")).getAttribute("href"));
        for (Story.Preview preview : story().previews()) {
            WebElement row = browser.findElement(By.cssSelector(
                    "#em-previews tr.em-preview[data-app='" + preview.app() + "'][data-pr='" + preview.pr() + "']"));
            assertEquals(
                    url("jenkins/job/" + preview.app() + "/job/PR-" + preview.pr() + "/"),
                    row.findElement(By.linkText("#" + preview.pr())).getAttribute("href"));
            WebElement site = row.findElement(By.linkText(preview.url()));
            assertEquals(preview.url(), site.getAttribute("href").replaceAll("/$", ""));
            assertEquals("noopener noreferrer", site.getAttribute("rel"));
        }
        browser.findElement(By.linkText("Review")).click();
        new WebDriverWait(browser, WAIT).until(driver -> driver.getTitle().contains("Jenkins page"));
        assertTrue(browser.findElement(By.tagName("h1")).getText().contains("approvals/"));
    }

    @Test
    void previewsShowThePinnedAndTheExpiredOne() {
        WebElement pinned = browser.findElement(By.cssSelector("#em-previews tr.em-preview[data-pr='311']"));
        assertTrue(pinned.getText().contains("pinned"), pinned.getText());
        WebElement expired = browser.findElement(By.cssSelector("#em-previews tr.em-preview[data-pr='77']"));
        assertTrue(expired.getAttribute("class").contains("em-preview-expired"), expired.getAttribute("class"));
        assertTrue(expired.getText().contains("expired"), expired.getText());
        WebElement fresh = browser.findElement(By.cssSelector("#em-previews tr.em-preview[data-pr='1842']"));
        assertFalse(fresh.getAttribute("class").contains("em-preview-expired"));
    }

    @Test
    void anAppsHistoryLoadsWhenItsNameIsChosen() {
        browser.findElement(By.cssSelector("button.em-app-button[data-app='checkout']"))
                .click();
        new WebDriverWait(browser, WAIT)
                .until(driver -> !driver.findElements(By.cssSelector("#em-history tr.em-event"))
                        .isEmpty());
        List<String> types = browser.findElements(By.cssSelector("#em-history tr.em-event")).stream()
                .map(row -> row.findElement(By.cssSelector(".em-event-type")).getText())
                .toList();
        // newest first: the pull request 311 preview came after the rollback
        assertEquals(List.of("deployed", "rolled-back"), types.subList(0, 2), types.toString());
        assertTrue(types.contains("promoted") && types.contains("approved"), types.toString());
    }

    @Test
    void thePageHasNoInlineScriptNoEventHandlerAttributeAndLogsNoError() {
        browser.findElement(By.cssSelector("button.em-app-button[data-app='payments']"))
                .click();
        new WebDriverWait(browser, WAIT)
                .until(driver -> !driver.findElements(By.cssSelector("#em-history tr.em-event"))
                        .isEmpty());
        @SuppressWarnings("unchecked")
        List<String> inline = (List<String>) script("return Array.from(document.scripts)"
                + ".filter(s => !s.src || s.textContent.trim() !== '').map(s => s.outerHTML.slice(0, 120));");
        assertEquals(List.of(), inline);
        @SuppressWarnings("unchecked")
        List<String> handlers = (List<String>) script("const found = [];"
                + " for (const e of document.querySelectorAll('*')) {"
                + "   for (const a of e.attributes) { if (/^on/i.test(a.name)) found.push(e.tagName + ' ' + a.name); }"
                + "   if (e.href && /^javascript:/i.test(e.href)) found.push(e.tagName + ' javascript: href'); }"
                + " return found;");
        assertEquals(List.of(), handlers);
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertEquals(List.of(), errors, "browser console");
    }

    @Test
    void aNewPromotionShowsOnRefreshWithoutReloadingThePage() throws Exception {
        script("window.emNotReloaded = true;");
        String digest = story().digest("search", "staging");
        playground.record(LedgerEvent.builder(LedgerEventType.PROMOTED, "search", "prod")
                .digest(digest)
                .actor("bob")
                .build("job/search/job/main/99/")
                .detail("strategy", "gitops")
                .detail("from", "staging"));
        browser.findElement(By.cssSelector("[data-action='refresh']")).click();
        new WebDriverWait(browser, WAIT)
                .until(driver -> cell("search", "prod")
                        .findElement(By.cssSelector("code.em-digest"))
                        .getText()
                        .equals(shortOf(digest)));
        assertEquals(Boolean.TRUE, script("return window.emNotReloaded === true;"), "the page was not reloaded");
        assertTrue(cell("search", "prod")
                .findElement(By.cssSelector(".em-meta a"))
                .getAttribute("href")
                .endsWith("/jenkins/job/search/job/main/99/"));
    }

    @Test
    void screenshotsOfTheLightAndTheDarkTheme() throws IOException {
        Path images = Files.createDirectories(root().resolve("docs/images"));
        load("?theme=light");
        assertEquals("rgb(255, 255, 255)", script("return getComputedStyle(document.body).backgroundColor;"));
        Files.write(images.resolve("dashboard-light.png"), wholePageWithHistoryOf("payments"));
        load("?theme=dark");
        assertEquals("dark", script("return document.documentElement.dataset.theme;"));
        assertEquals("rgb(31, 31, 36)", script("return getComputedStyle(document.body).backgroundColor;"));
        Files.write(images.resolve("dashboard-dark.png"), wholePageWithHistoryOf("payments"));
    }

    @Test
    void theServerAnswersGetOnlyAndRefusesABadHistoryQueryWithItsReason() throws Exception {
        try (HttpClient http =
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            HttpResponse<String> post = http.send(
                    HttpRequest.newBuilder(URI.create(url("data")))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            HttpResponse<String> bad = http.send(
                    HttpRequest.newBuilder(URI.create(url("data/history?app=payments&type=promoted,nope")))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("type 'nope' is not an event type"), bad.body());
            HttpResponse<String> page =
                    http.send(HttpRequest.newBuilder(playground.url()).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(
                    page.headers()
                            .firstValue("Content-Security-Policy")
                            .orElse("")
                            .contains("script-src 'self'"),
                    "inline scripts could not run");
        }
    }

    /** @return a screenshot of the whole page, the app's history open, its first rows in view */
    private byte[] wholePageWithHistoryOf(String app) {
        browser.findElement(By.cssSelector("button.em-app-button[data-app='" + app + "']"))
                .click();
        new WebDriverWait(browser, WAIT)
                .until(driver -> driver.findElements(By.cssSelector("#em-history tr.em-event"))
                                .size()
                        >= 8);
        Dimension size = browser.manage().window().getSize();
        try {
            long height = (Long) script("return Math.min(document.documentElement.scrollHeight, 2600);");
            browser.manage().window().setSize(new Dimension(size.getWidth(), (int) height + 140));
            return browser.getScreenshotAs(OutputType.BYTES);
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    /** @return the repository root, where docs/ is */
    private static Path root() {
        String root = System.getProperty("environments.root");
        return root == null ? Path.of("").toAbsolutePath() : Path.of(root);
    }
}
