package org.hostr.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver (both paths set, so Selenium Manager never
 * downloads anything), with a phone-sized window and a NIP-07 signer in every page. {@link #check} is the quality bar
 * of each page: a screenshot under target/browser-screenshots/, then no sideways scrolling and no axe-core violation.
 */
final class Browser implements AutoCloseable {
    static final int PHONE_WIDTH = 375;
    static final int PHONE_HEIGHT = 812;
    static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /**
     * Selenium warns at every start that it has no DevTools module for this Chromium version. These tests only use
     * executeCdpCommand, which goes through chromedriver and needs none; the loggers are kept so the level sticks.
     */
    private static final List<Logger> QUIET = List.of(Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"),
            Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"));

    static {
        QUIET.forEach(logger -> logger.setLevel(Level.SEVERE));
    }

    final ChromeDriver driver;
    private final String baseUrl;
    private final String flow;
    private final Path profile;

    Browser(String baseUrl, Nip07Signer signer, String flow) {
        this.baseUrl = baseUrl;
        this.flow = flow;
        for (String binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is missing: install Debian's chromium and chromium-driver"
                        + " (apt-get install -y chromium chromium-driver; .ci/run does it)");
            }
        }
        try {
            profile = Files.createTempDirectory("hostr-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // As root in a container Chromium needs --no-sandbox; the rest keeps it from calling home during a test.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=" + PHONE_WIDTH + "," + PHONE_HEIGHT);
        // A driver given to the service makes Selenium skip Selenium Manager, which would otherwise download one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(60));
        // Pin the viewport itself, not only the window: the bar is 375 CSS px of layout width, whatever the window's frame.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "deviceScaleFactor", 2, "mobile", false));
        // Phones draw scrollbars over the page; a desktop scrollbar would take 15 px and hide overflow into that strip.
        driver.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
        // Before any page script, as an extension's content script would be: login.js finds window.nostr at once.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", signer.pageScript()));
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits up to 30 s for a condition, polling; the failure message names what was awaited. */
    <T> T waitFor(String what, ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what).until(condition);
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /** Screenshot first (a failing page is the one worth seeing), then the phone-width and axe-core checks. */
    void check(String page) {
        screenshot(page);
        assertThat(PageQuality.horizontalOverflow(driver)).as("sideways scrolling on %s (%s)", page, path()).isEmpty();
        assertThat(PageQuality.axeViolations(driver)).as("axe-core violations on %s (%s)", page, path()).isEmpty();
    }

    /** The whole page, not just the first screenful. */
    @SuppressWarnings("unchecked")
    private void screenshot(String page) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", size.get("width"),
                        "height", size.get("height"), "scale", 1)));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(flow + "-" + page + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
