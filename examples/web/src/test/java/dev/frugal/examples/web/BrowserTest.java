package dev.frugal.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The page in a real browser: Debian's headless Chromium, driven through its chromedriver by
 * Selenium, asks a bundled question and must show the answer, a budget gauge that moved (money
 * reserved while calls were in flight, money settled at the end) and the cost; a screenshot of the
 * finished page goes to {@code examples/web/target/web-screenshot.png} (to {@code
 * docs/web-screenshot.png} with {@code FRUGAL_UPDATE_SCREENSHOT=1}). Skipped when {@code
 * /usr/bin/chromedriver} is absent, unless {@code FRUGAL_REQUIRE_BROWSER=1} (as CI sets it), which
 * makes that a failure.
 */
@SpringBootTest(
    classes = FrugalWebApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = WebTestSettings.LATENCY)
class BrowserTest {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @LocalServerPort int port;

  @TempDir Path profile;

  private WebDriver driver;

  @BeforeEach
  void startBrowser() {
    boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
    if (!present && "1".equals(System.getenv("FRUGAL_REQUIRE_BROWSER"))) {
      fail(
          "FRUGAL_REQUIRE_BROWSER=1 but "
              + CHROMEDRIVER
              + " or "
              + CHROMIUM
              + " is missing; install Debian's chromium and chromium-driver (apt-get install -y"
              + " chromium chromium-driver)");
    }
    assumeTrue(present, "no " + CHROMEDRIVER + ": the browser test needs chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1000,1500",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) driver.quit();
  }

  private static double dollars(String text) {
    return Double.parseDouble(text.replace("$", "").strip());
  }

  @Test
  void aQuestionAskedOnThePageShowsTheAnswerTheMovingGaugeAndTheCost() throws Exception {
    driver.get("http://127.0.0.1:" + port + "/");
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready"));
    assertThat(driver.findElement(By.id("model-note")).getText())
        .contains("SIMULATED model 'sim-large'")
        .contains("not a language model");

    WebElement question = driver.findElement(By.id("question"));
    question.clear();
    question.sendKeys(AskApiTest.QUESTION);
    WebElement usd = driver.findElement(By.id("usd"));
    usd.clear();
    usd.sendKeys("0.2");
    driver.findElement(By.id("ask")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "done"));

    String answer = driver.findElement(By.id("answer")).getText();
    assertThat(answer).isNotBlank().isNotEqualTo("(no answer)");
    assertThat(driver.findElement(By.id("stop")).getText()).startsWith("stopped: answered");

    // the gauge moved: several updates, money held by calls in flight at some point, and the
    // settled money of the finished run filling part of the bar
    WebElement gauge = driver.findElement(By.id("gauge"));
    assertThat(Integer.parseInt(gauge.getDomAttribute("data-updates"))).isGreaterThan(2);
    assertThat(Double.parseDouble(gauge.getDomAttribute("data-peak-reserved"))).isPositive();
    double used = Double.parseDouble(gauge.getDomAttribute("data-used"));
    assertThat(used).isPositive().isLessThanOrEqualTo(0.2);
    String width = driver.findElement(By.id("gauge-used")).getCssValue("width");
    assertThat(Double.parseDouble(width.replace("px", ""))).isPositive();
    assertThat(driver.findElement(By.id("gauge-text")).getText()).contains("cap $0.2");

    // the cost: the total matches the gauge, and the table names the model and the tools
    assertThat(dollars(driver.findElement(By.id("cost-total")).getText()))
        .isCloseTo(used, org.assertj.core.data.Offset.offset(1e-9));
    String table = driver.findElement(By.id("cost")).getText();
    assertThat(table).contains("model sim-large").contains("tool search").contains("tool open");
    assertThat(driver.findElements(By.cssSelector("#progress li")).size()).isGreaterThan(3);
    assertThat(driver.findElement(By.id("trace-link")).getDomAttribute("href"))
        .matches("/api/runs/[^/]+/trace");

    File shot = ((ChromeDriver) driver).getScreenshotAs(OutputType.FILE);
    // target/ on every run; docs/web-screenshot.png (committed) only when asked for, so a test run
    // leaves the tracked file alone
    Path target =
        "1".equals(System.getenv("FRUGAL_UPDATE_SCREENSHOT"))
            ? repositoryRoot().resolve("docs/web-screenshot.png")
            : repositoryRoot().resolve("examples/web/target/web-screenshot.png");
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    assertThat(Files.size(target)).isPositive();
  }

  @Test
  void aQuestionTheSimulatedModelDoesNotKnowShowsTheErrorOnThePage() {
    driver.get("http://127.0.0.1:" + port + "/");
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "ready"));
    WebElement question = driver.findElement(By.id("question"));
    question.clear();
    question.sendKeys("Which government post did Shirley Temple hold?");
    driver.findElement(By.id("ask")).click();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-state", "error"));
    assertThat(driver.findElement(By.id("error")).getText())
        .contains("the SIMULATED model only knows the")
        .contains("the closest:");
    assertThat(driver.findElement(By.id("answer")).getText()).isEmpty();
  }

  /** The folder holding the {@code frugal} launcher, above the module's working directory. */
  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("frugal")) && Files.isDirectory(p.resolve("docs")))
        return p;
    }
    throw new IllegalStateException(
        "no repository root (a folder with ./frugal and docs/) above "
            + Path.of("").toAbsolutePath());
  }
}
