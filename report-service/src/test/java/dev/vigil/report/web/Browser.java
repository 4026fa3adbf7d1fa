package dev.vigil.report.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium for the dashboard's browser tests: the system's {@code chromium} and {@code chromedriver}
 * (Debian packages of those names; CI installs them), named explicitly so Selenium never downloads anything. A
 * missing binary fails the test, never skips it: a browser test that silently does not run proves nothing.
 * One fresh profile per browser, deleted on close. Login and further steps go on top of {@link #open(String)}.
 */
public final class Browser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final WebDriver driver;
    private final URI base;
    private final Path profile;

    private Browser(WebDriver driver, URI base, Path profile) {
        this.driver = driver;
        this.base = base;
        this.profile = profile;
    }

    /** A browser on the service at {@code base} (e.g. the test's {@code @TestHTTPResource("/")}). */
    public static Browser start(URI base) {
        return start(base, null);
    }

    /** The same, saving downloads into {@code downloads} without asking. */
    public static Browser start(URI base, Path downloads) {
        Path chromedriver = binary("VIGIL_TEST_CHROMEDRIVER", "/usr/bin/chromedriver", "chromium-driver");
        Path chromium = binary("VIGIL_TEST_CHROMIUM", "/usr/bin/chromium", "chromium");
        Path profile;
        try {
            profile = Files.createTempDirectory("vigil-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        if (downloads != null) {
            options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        return new Browser(new ChromeDriver(service, options), base, profile);
    }

    private static Path binary(String env, String fallback, String debianPackage) {
        String given = System.getenv(env);
        Path path = Path.of(given == null || given.isBlank() ? fallback : given);
        if (!Files.isExecutable(path)) {
            fail(path + " is missing or not executable: install the Debian package '" + debianPackage
                    + "' (apt-get install " + debianPackage + "; ./mvnw verify installs it) or set " + env
                    + " to the binary");
        }
        return path;
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Signs in through the dashboard's login form (the demo users' form login), as a person would: every page asks
     * for it first.
     */
    public Browser signIn(String user, String password) {
        open("/login");
        visible(By.id("j_username")).sendKeys(user);
        driver.findElement(By.id("j_password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        until(d -> !d.getCurrentUrl().contains("/login") && !d.getCurrentUrl().contains("j_security_check"));
        return this;
    }

    /** Opens a path of the service, e.g. {@code /controls/CM-11}. */
    public Browser open(String path) {
        driver.get(base.resolve(path).toString());
        return this;
    }

    /** The element once it is visible. */
    public WebElement visible(By by) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Waits until the condition holds, reading the page afresh each time: a live page may reload itself under
     * the test when a status changes, which makes elements found earlier stale.
     */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (WebDriverException e) {
                        // Chromium's form of a stale element, when the page reloads while an element is being read
                        if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /**
     * Saves what the browser shows to {@code target/browser-screenshots/<name>.png}, for a person (or CI's
     * artifacts) to look at what the test saw.
     */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "browser-screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a form field's value as the page's script would (date inputs take typed text by locale). */
    public void setValue(WebElement field, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", field, value);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A profile left in the temp folder is harmless; the test's outcome matters more.
            }
        }
    }
}
