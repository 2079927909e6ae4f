package io.spotifyinsights.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import io.spotifyinsights.features.LoopbackReccoBeats;
import io.spotifyinsights.history.ExportFiles;
import io.spotifyinsights.pipeline.LoopbackSpotify.FakePlay;
import io.spotifyinsights.warehouse.TopTrack;
import io.spotifyinsights.warehouse.Warehouse;

/**
 * The dashboard in real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs) over a
 * warehouse filled by a real pipeline run, under the service's Content-Security-Policy. Without Chromium the test is
 * skipped on a developer's machine, saying so, and fails in CI ({@code CI=true}) — never passed.
 */
class DashboardBrowserTests extends PipelineIntegrationTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String HOSTILE_NAME = "<script>alert(1)</script>";
    static final String HOSTILE_MARKUP = "<img src=x onerror=alert(2)>";

    @Autowired
    Warehouse warehouse;

    ChromeDriver browser;

    @BeforeEach
    void startChromium() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "Chromium is not installed (/usr/bin/chromium, /usr/bin/chromedriver): the browser test did "
                + "not run. Install Debian's chromium and chromium-driver, as .ci/run does.";
        // On a developer's machine a missing browser skips the test and says so; in CI it fails, never passes.
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail(missing);
        }
        Assumptions.assumeTrue(installed, missing);
        ChromeOptions options = new ChromeOptions();
        // The browser's console (CSP refusals are errors there) is read back by the tests.
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,2200",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopChromium() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theDashboardShowsThePipelinesTopTenFeaturesAndRunsAndRunsNowForTheAdmin() throws Exception {
        SPOTIFY.listener("browser");
        List<FakePlay> plays = new ArrayList<>(TestPlays.generated(43, 40,
                Instant.now().minus(Duration.ofDays(2))));
        // The most played track of all has a name that is markup.
        for (int i = 0; i < 8; i++) {
            plays.add(new FakePlay("hostile1", HOSTILE_NAME, List.of("Mallory", "Eve"),
                    Instant.now().minus(Duration.ofHours(20 - i))));
        }
        SPOTIFY.addPlays(plays);
        RunView loaded = runToEnd();
        assertThat(loaded.status()).isEqualTo("COMPLETED");
        List<TopTrack> topTen = warehouse.topTracks("browser");

        browser.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        List<List<String>> rows = new ArrayList<>();
        for (WebElement row : browser.findElements(By.cssSelector("#top-tracks tbody tr"))) {
            rows.add(row.findElements(By.tagName("td")).stream().map(WebElement::getText).limit(4).toList());
        }
        assertThat(rows).isEqualTo(topTen.stream().map(track -> List.of(String.valueOf(track.rank()),
                track.trackName(), track.artists(), String.valueOf(track.timesPlayed()))).toList());
        assertThat(rows.get(0).get(1)).isEqualTo(HOSTILE_NAME);
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);

        @SuppressWarnings("unchecked")
        List<Long> barsPerTrack = (List<Long>) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('features-chart')).getOption()"
                        + ".series.map(s => s.data.filter(v => v != null).length);");
        assertThat(barsPerTrack).hasSize(topTen.size()).containsOnly(7L);
        assertThat(browser.findElement(By.id("features-unavailable")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("features-provider")).getText()).isEqualTo("from Spotify");
        assertThat(browser.findElement(By.id("stat-plays")).getText()).isEqualTo("48");

        String newestBefore = browser.findElement(By.cssSelector("#runs tbody tr")).getDomAttribute("data-run-id");
        browser.findElement(By.id("admin-password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("run-now-button")).click();

        wait.until(driver -> driver.findElement(By.id("run-now-message")).getText().matches("Run \\d+ completed\\."));
        String newRun = browser.findElement(By.id("run-now-message")).getText().replaceAll("\\D", "");
        WebElement newRow = browser.findElement(By.cssSelector("#runs tbody tr[data-run-id='" + newRun + "']"));
        assertThat(browser.findElement(By.cssSelector("#runs tbody tr")).getDomAttribute("data-run-id"))
                .as("the new run is the newest row").isEqualTo(newRun).isNotEqualTo(newestBefore);
        assertThat(newRow.findElements(By.cssSelector(".step")).stream().map(WebElement::getText).toList())
                .containsExactly("fetchRecentPlays: COMPLETED", "loadToWarehouse: SKIPPED", "deleteLocalCsv: SKIPPED",
                        "backfillFeatures: COMPLETED", "topTracks: SKIPPED");

        // Under the strict Content-Security-Policy: hovering a chart shows its tooltip, and nothing is refused.
        new Actions(browser).moveToElement(browser.findElement(By.id("by-hour-chart"))).perform();
        new Actions(browser).moveToElement(browser.findElement(By.id("features-chart"))).perform();
        assertThat(browser.findElement(By.tagName("body")).getText()).isNotEmpty();
        List<String> consoleErrors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("favicon.ico"))
                .toList();
        assertThat(consoleErrors).as("console errors under the Content-Security-Policy").isEmpty();

        Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), screenshots.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void whenSpotifyRefusesFeaturesTheChartDrawsReccoBeatsFeaturesAndNamesIt() {
        SPOTIFY.listener("browser-reccobeats");
        SPOTIFY.refuseFeatures(true);
        List<FakePlay> plays = TestPlays.generated(47, 40, Instant.now().minus(Duration.ofDays(1)));
        String unknown = TestPlays.expectedTopTen(plays).get(1).trackId();
        RECCOBEATS.doesNotKnow(unknown);
        try {
            SPOTIFY.addPlays(plays);
            assertThat(runToEnd().status()).isEqualTo("COMPLETED");
        } finally {
            SPOTIFY.refuseFeatures(false);
            RECCOBEATS.reset();
        }
        List<TopTrack> topTen = warehouse.topTracks("browser-reccobeats").stream()
                .filter(track -> !track.trackId().equals(unknown)).toList();

        browser.get("http://127.0.0.1:" + port + "/?listener=browser-reccobeats");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

        @SuppressWarnings("unchecked")
        List<List<Double>> drawn = (List<List<Double>>) ((JavascriptExecutor) browser).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('features-chart')).getOption()"
                        + ".series.map(s => s.data.map(v => v == null ? null : Number(v)));");
        // The first bar of each track is its danceability, as ReccoBeats serves it.
        assertThat(drawn).hasSize(topTen.size());
        assertThat(drawn.stream().map(bars -> ((Number) bars.get(0)).doubleValue()).toList())
                .isEqualTo(topTen.stream().map(track -> ((Number) LoopbackReccoBeats.features(track.trackId())
                        .get("danceability")).doubleValue()).toList());
        assertThat(browser.findElement(By.id("features-provider")).getText()).isEqualTo("from ReccoBeats");
        assertThat(browser.findElement(By.id("features-unavailable")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("features-missing")).getText())
                .isEqualTo("1 of these tracks has no audio features: no provider knows it yet.");
        // Tempo and loudness on their own scales, as served, rounded as the table shows them.
        List<List<String>> scales = browser.findElements(By.cssSelector("#features-scales tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).limit(4).toList())
                .toList();
        assertThat(scales).isEqualTo(topTen.stream().map(track -> {
            java.util.Map<String, Object> served = LoopbackReccoBeats.features(track.trackId());
            return List.of(String.valueOf(track.rank()), track.trackName(),
                    String.valueOf(Math.round((Double) served.get("tempo"))),
                    String.format(java.util.Locale.ROOT, "%.1f", (Double) served.get("loudness")));
        }).toList());
    }

    @Test
    void aRevokedAuthorizationShowsAReconnectBannerAndHealthSaysWhy() {
        SPOTIFY.listener("revoked");
        SPOTIFY.revoke(true);
        try {
            RunView failed = runToEnd();
            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.errorMessage()).contains("Reconnect the account");

            browser.get("http://127.0.0.1:" + port + "/");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver ->
                    "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));

            WebElement failedRow = browser.findElement(By.cssSelector("#runs tbody tr[data-run-id='" + failed.id()
                    + "']"));
            WebElement why = failedRow.findElement(By.xpath("following-sibling::tr[1]"));
            assertThat(why.getDomAttribute("class")).isEqualTo("run-error");
            assertThat(why.getText()).as("the runs table says why a run failed").contains("Reconnect the account");

            WebElement banner = browser.findElement(By.id("revoked"));
            assertThat(banner.isDisplayed()).isTrue();
            assertThat(banner.getText()).contains("Reconnect the account");
            assertThat(banner.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/connect");
            assertThat(get("/actuator/health", true).body()).contains("\"authorization\":\"REVOKED\"",
                    "Reconnect the account");
        } finally {
            SPOTIFY.revoke(false);
        }
    }

    @Test
    void aZipUploadedThroughTheDashboardShowsItsProgressAndItsReport() throws Exception {
        List<ExportFiles.Listen> listens = ExportFiles.streams(31, 400, Instant.parse("2020-01-01T00:00:00Z"),
                Instant.parse("2023-01-01T00:00:00Z"));
        long plays = listens.stream().filter(ExportFiles.Listen::isPlay).count();
        // Podcast episodes and audiobook chapters kept apart, by the same rule as music plays.
        List<ExportFiles.Listen> keptSpoken = listens.stream().filter(listen -> (listen.isEpisode()
                || listen.chapterUri() != null) && !Boolean.TRUE.equals(listen.incognito())
                && listen.msPlayed() >= 30_000).toList();
        Path zip = Files.createTempFile("my_spotify_data", ".zip");
        Files.write(zip, ExportFiles.zip(Map.of("Spotify Extended Streaming History/Streaming_History_Audio_2020-2022_0"
                + ".json", ExportFiles.extended(listens, true, 32),
                "Spotify Extended Streaming History/Streaming_History_Audio_" + HOSTILE_MARKUP + ".json",
                "not json".getBytes())));

        browser.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        browser.findElement(By.id("import-files")).sendKeys(zip.toAbsolutePath().toString());
        browser.findElement(By.id("import-listener")).sendKeys("browser-import");
        browser.findElement(By.id("import-password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.id("import-button")).click();

        wait.until(driver -> driver.findElement(By.id("import-progress-text")).getText().startsWith("Import completed"));
        assertThat(browser.findElement(By.id("import-progress")).getDomProperty("value")).isEqualTo("100");
        assertThat(keptSpoken).isNotEmpty();
        assertThat(browser.findElement(By.id("import-progress-text")).getText())
                .isEqualTo("Import completed: " + plays + " plays and " + keptSpoken.size() + " episodes imported.");
        WebElement report = browser.findElement(By.cssSelector("#imports tbody tr.import"));
        List<String> cells = report.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.get(1)).isEqualTo("COMPLETED");
        assertThat(cells.get(3)).isEqualTo(listens.size() + " / " + listens.size());
        assertThat(cells.get(4)).isEqualTo(String.valueOf(plays));
        assertThat(cells.get(5)).isEqualTo(String.valueOf(keptSpoken.size()));
        assertThat(warehouse.plays("browser-import", Instant.EPOCH, Instant.now(), 10_000)).hasSize((int) plays);
        // A file name that is markup is shown as text in the file's error, never run.
        assertThat(browser.findElements(By.cssSelector("#imports tr.import-error td")).stream()
                .map(WebElement::getText)).anyMatch(error -> error.contains(HOSTILE_MARKUP) && error.contains("not JSON"));
        assertThat(browser.findElements(By.cssSelector("#imports img"))).isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        Files.delete(zip);

        // The listener's podcasts over all time: the shows listened to longest, each with its time and streams.
        browser.get("http://127.0.0.1:" + port + "/?listener=browser-import");
        wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        browser.findElement(By.cssSelector("nav button[data-window='all']")).click();
        wait.until(driver -> !driver.findElements(By.cssSelector("#top-shows li")).isEmpty());
        Map<String, List<ExportFiles.Listen>> byShow = keptSpoken.stream().collect(Collectors.groupingBy(
                listen -> listen.isEpisode() ? listen.show() : listen.audiobookTitle()));
        List<String> expectedShows = byShow.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, List<ExportFiles.Listen>> show) -> -msPlayed(
                        show.getValue())).thenComparing(Map.Entry::getKey))
                .limit(10)
                .map(show -> show.getKey() + " — " + spokenTime(msPlayed(show.getValue())) + ", "
                        + show.getValue().size() + (show.getValue().get(0).isEpisode() ? " episode" : " chapter")
                        + (show.getValue().size() == 1 ? "" : "s"))
                .toList();
        assertThat(browser.findElements(By.cssSelector("#top-shows li")).stream().map(WebElement::getText))
                .containsExactlyElementsOf(expectedShows);
        assertThat(browser.findElement(By.id("spoken-summary")).getText()).isEqualTo(spokenTime(msPlayed(keptSpoken))
                + " in " + keptSpoken.size() + " episodes and chapters");
        assertThat(browser.findElement(By.id("spoken-empty")).isDisplayed()).isFalse();
    }

    private static long msPlayed(List<ExportFiles.Listen> listens) {
        return listens.stream().mapToLong(ExportFiles.Listen::msPlayed).sum();
    }

    /** Listening time as the dashboard words it. */
    private static String spokenTime(long ms) {
        long minutes = Math.round(ms / 60_000.0);
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    @Test
    void aWrongAdminPasswordStartsNoRun() {
        browser.get("http://127.0.0.1:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(driver -> "true".equals(driver.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        long runsBefore = runHistory.page(0, 1).total();

        browser.findElement(By.id("admin-password")).sendKeys("not-the-password");
        browser.findElement(By.id("run-now-button")).click();

        wait.until(driver -> !driver.findElement(By.id("run-now-message")).getText().isEmpty());
        assertThat(browser.findElement(By.id("run-now-message")).getText())
                .isEqualTo("That is not the admin password.");
        assertThat(runHistory.page(0, 1).total()).isEqualTo(runsBefore);
    }
}
