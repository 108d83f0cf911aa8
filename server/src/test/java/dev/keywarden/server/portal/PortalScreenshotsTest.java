package dev.keywarden.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.user.Role;
import dev.keywarden.verification.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Takes a screenshot of every portal page over seeded data: into {@code target/screenshots}, or
 * into the folder named by {@code -Dkeywarden.screenshots=...} (the documentation's are made with
 * {@code -Dkeywarden.screenshots=$PWD/docs/screenshots}, see docs/portal.md).
 */
class PortalScreenshotsTest {
  private Browser browser;
  private WebDriverWait wait;
  private Path folder;

  @Test
  void everyPage_isPhotographed() throws Exception {
    folder = Path.of(System.getProperty("keywarden.screenshots", "target/screenshots"));
    Files.createDirectories(folder);
    try (PortalServer server = PortalServer.start();
        Browser started = Browser.start(1280, 1100)) {
      browser = started;
      wait = new WebDriverWait(browser.driver, Duration.ofSeconds(10));
      seed(server.fixture);
      String base = server.hostBase() + "/portal/";

      browser.driver.get(base + "login");
      visible(By.id("username")).sendKeys("admin");
      shoot("login");
      visible(By.id("password")).sendKeys(Fixture.ADMIN_PASSWORD);
      browser.driver.findElement(By.cssSelector("button[type=submit]")).click();
      visible(By.cssSelector("[data-key='ci-pipeline']"));
      shoot("keys");

      browser.driver.findElement(By.id("new-key")).click();
      visible(By.cssSelector("dialog[open] input[name=name]")).sendKeys("reporting-service");
      browser.driver.findElement(By.cssSelector("dialog[open] input[value=Tasks]")).click();
      browser.driver.findElement(By.cssSelector("dialog[open] input[value=Session]")).click();
      shoot("new-key-dialog");
      browser.driver.findElement(By.cssSelector("dialog[open] button[type=submit]")).click();
      visible(By.cssSelector("dialog.secret-dialog[open]"));
      shoot("new-key-shown-once");
      browser.driver.findElement(By.cssSelector("dialog[open] button.primary")).click();

      browser.driver.get(base + "licenses");
      visible(By.cssSelector("[data-license] tr[data-key='default']"));
      shoot("licenses");

      browser.driver.get(base + "users");
      visible(By.cssSelector("tr[data-user='dana']"));
      shoot("users");

      browser.driver.manage().window().setSize(new Dimension(390, 844));
      browser.driver.get(base + "keys");
      visible(By.cssSelector("[data-key='ci-pipeline']"));
      shoot("keys-narrow");
      browser.driver.get(base + "licenses");
      visible(By.cssSelector("[data-license] tr[data-key='default']"));
      shoot("licenses-narrow");
    }
    assertThat(folder.resolve("keys.png")).exists();
  }

  private static void seed(Fixture fixture) {
    fixture.key(fixture.admin, "ci-pipeline", Scope.Tasks, Scope.Session);
    fixture.key(fixture.admin, "deploy-bot", Scope.PublishApp, Scope.APIKey);
    fixture.key(fixture.admin, "nightly-export", Scope.Tasks);
    var production = fixture.license("Production").license();
    fixture.license("Staging");
    fixture
        .keywarden
        .keys()
        .createForLicense(
            fixture.operator(),
            production.id(),
            dev.keywarden.core.key.NewKey.of(
                "batch-runner", java.util.EnumSet.of(Scope.Tasks, Scope.Session)));
    fixture.user("dana", Role.member);
    fixture.user("erik", Role.admin);
  }

  private org.openqa.selenium.WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void shoot(String name) throws Exception {
    // Let focus rings and dialog transitions settle.
    Thread.sleep(150);
    Files.write(folder.resolve(name + ".png"), browser.driver.getScreenshotAs(OutputType.BYTES));
  }
}
