package org.medledger.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium, driven through its chromedriver) on the portal. The driver and the
 * browser are named explicitly, so Selenium Manager never looks for or downloads anything.
 */
final class PortalBrowser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("medledger.it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("medledger.it.chromedriver", "/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of(System.getProperty("medledger.it.screenshots",
            "target/screenshots"));

    final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;

    PortalBrowser() {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        try {
            profile = Files.createTempDirectory("medledger-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // A PrimeFaces update can replace a node while Chrome inspects it ("Node ... does not belong to the
        // document"): the wait asks again instead of failing; its time-out still names the last error.
        wait.ignoring(WebDriverException.class);
    }

    void open(String portalPath) {
        driver.get(MedLedgerDeployment.baseUrl() + "/portal" + portalPath);
    }

    /** Signs in through the login form and waits for the role's home page. */
    void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login.xhtml");
        submitLogin(username, password);
    }

    void submitLogin(String username, String password) {
        type(By.id("login:username"), username);
        type(By.id("login:password"), password);
        clickAndWaitForPage(By.id("login:submit"));
    }

    void signOut() {
        clickAndWaitForPage(By.id("session:logout"));
    }

    void type(By field, String text) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(field));
        element.clear();
        element.sendKeys(text);
        if (!text.equals(element.getDomProperty("value"))) {
            throw new AssertionError("typing into " + field + " left " + element.getDomProperty("value"));
        }
    }

    /** Types a date into a PrimeFaces date picker and closes its pop-up. */
    void typeDate(String pickerInputId, String isoDate) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id(pickerInputId)));
        input.clear();
        input.sendKeys(isoDate);
        input.sendKeys(Keys.TAB);
        if (!isoDate.equals(input.getDomProperty("value"))) {
            throw new AssertionError("the date picker " + pickerInputId + " shows " + input.getDomProperty("value"));
        }
    }

    /** What the page looked like when a journey failed, for the report. */
    void saveFailure(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve("FAILED-" + name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(SCREENSHOTS.resolve("FAILED-" + name + ".html"), driver.getPageSource());
        } catch (IOException | RuntimeException e) {
            // best effort: the assertion itself is what fails the test
        }
    }

    /** Clicks a full-page submit or link and waits until the next page has replaced this one. */
    void clickAndWaitForPage(By target) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(target));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'});", element);
        element.click();
        wait.until(ExpectedConditions.stalenessOf(element));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    String text(By element) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(element)).getText();
    }

    String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    String sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed("JSESSIONID");
        return cookie == null ? null : cookie.getValue();
    }

    /** Reloads {@code portalPath} until the condition holds (for what the chain confirms asynchronously). */
    void reloadUntil(String portalPath, Duration atMost, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(atMost);
        while (true) {
            open(portalPath);
            if (condition.getAsBoolean()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Not reached on " + portalPath + " within " + atMost + "; page shows: "
                        + pageText());
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /**
     * Saves the page at a desktop (1280 px) and a phone (390 px) width under target/screenshots, after checking that
     * every form field has a label and that the phone width needs no sideways scrolling.
     */
    void screenshots(String name) {
        Object unlabelled = script("return [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]"
                + ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
                + " && !e.getAttribute('aria-labelledby')).map(e => e.id || e.name).join(' ')");
        if (!"".equals(unlabelled)) {
            throw new AssertionError(name + " has form fields without a label: " + unlabelled);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            for (int width : new int[] {1280, 390}) {
                driver.manage().window().setSize(new Dimension(width, width == 390 ? 844 : 900));
                Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
                Files.copy(shot, SCREENSHOTS.resolve(name + "-" + width + ".png"), StandardCopyOption.REPLACE_EXISTING);
                if (width == 390 && horizontalOverflow() > 0) {
                    throw new AssertionError(name + " scrolls sideways on a 390 px screen by " + horizontalOverflow()
                            + " px, widest: " + script("return [...document.querySelectorAll('body *')]"
                            + ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth)"
                            + ".slice(-3).map(e => e.tagName + '.' + e.className + '#' + e.id).join(' ')"));
                }
            }
            driver.manage().window().setSize(new Dimension(1280, 900));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How far the page scrolls sideways at the current width: 0 when it fits the screen. */
    long horizontalOverflow() {
        return ((Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .longValue();
    }

    Object script(String js, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(js, arguments);
    }

    /** Waits until the condition holds (for what the page does on its own, e.g. after a script's promise). */
    void waitFor(BooleanSupplier condition) {
        wait.until(d -> condition.getAsBoolean());
    }

    /** Waits until a page the browser is leaving has been replaced by the next one. */
    void waitForStale(WebElement element) {
        wait.until(ExpectedConditions.stalenessOf(element));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /** Runs a script in every document before the page's own scripts, as a browser extension does. */
    void addScriptToEveryDocument(String source) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", source));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
