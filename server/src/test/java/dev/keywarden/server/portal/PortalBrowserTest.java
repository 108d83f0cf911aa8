package dev.keywarden.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.verification.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's pages driven in headless Chromium against a real server: what a person does, and
 * that a key's secret is seen exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserTest {
  private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
  private static final String SCOPES_API =
      "/pro/user-manager/v1/user/@current/authorization-scopes";
  private final HttpClient http = HttpClient.newHttpClient();
  private Browser browser;
  private PortalServer server;
  private WebDriverWait wait;

  @BeforeAll
  void startBrowser() {
    // Without a browser each test is skipped (or fails, where one is required) on its own, so
    // that the skipped tests are counted and reported.
    if (Browser.isInstalled()) {
      browser = Browser.start(1280, 900);
      wait = new WebDriverWait(browser.driver, Duration.ofSeconds(10));
    }
  }

  @AfterAll
  void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void startServer() {
    Browser.requireInstalled();
    server = PortalServer.start();
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Test
  void login_wrongThenRightPassword_opensTheKeysPage_andLogoutEndsTheSession() {
    open("keys");
    wait.until(ExpectedConditions.urlContains("/portal/login?next=keys"));

    find(By.id("username")).sendKeys("admin");
    find(By.id("password")).sendKeys("not the password", Keys.ENTER);
    wait.until(ExpectedConditions.textToBe(By.id("login-error"), "Wrong user name or password."));
    assertThat(active().getAttribute("id")).isEqualTo("password");

    find(By.id("password")).sendKeys(Fixture.ADMIN_PASSWORD, Keys.ENTER);
    wait.until(ExpectedConditions.urlMatches("/portal/keys$"));
    wait.until(ExpectedConditions.textToBe(By.id("who"), "admin (admin)"));
    assertThat(find(By.cssSelector("h1")).getText()).isEqualTo("User API Keys");
    assertThat(find(By.cssSelector("[data-nav=keys]")).getAttribute("aria-current"))
        .isEqualTo("page");

    find(By.id("logout")).click();
    wait.until(ExpectedConditions.urlMatches("/portal/login$"));
    open("keys");
    wait.until(ExpectedConditions.urlContains("/portal/login"));
  }

  @Test
  void createKey_showsTheKeyExactlyOnce_andListsItsExpiryAndScopes() throws Exception {
    logIn();
    click(By.id("new-key"));
    WebElement dialog = find(By.cssSelector("dialog[open]"));
    assertThat(active().getAttribute("name")).isEqualTo("name");
    String oneYear = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
    WebElement expiry = dialog.findElement(By.name("expiration_date"));
    assertThat(expiry.getDomProperty("value")).isEqualTo(oneYear);
    assertThat(expiry.getDomAttribute("max")).isEqualTo(oneYear);
    assertThat(dialog.findElements(By.name("scopes"))).hasSize(9);

    dialog.findElement(By.name("name")).sendKeys("ci-pipeline");
    dialog.findElement(By.cssSelector("input[name=scopes][value=Tasks]")).click();
    dialog.findElement(By.cssSelector("input[name=scopes][value=Session]")).click();
    dialog.findElement(By.cssSelector("button[type=submit]")).click();

    WebElement secret = find(By.cssSelector("dialog[open] .secret-value"));
    String token = secret.getDomProperty("value");
    assertThat(token).startsWith("kw_");
    assertThat(find(By.cssSelector("dialog[open]")).getText())
        .contains("only be shown once", "Copy");
    assertThat(status(token)).isEqualTo(200);

    click(By.cssSelector("dialog[open] .copy"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("dialog[open]"), "Copied"));
    click(By.cssSelector("dialog[open] button.primary"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));

    WebElement card = find(By.cssSelector("[data-key='ci-pipeline']"));
    assertThat(card.getText())
        .contains(
            "ci-pipeline",
            "Expires " + LocalDate.parse(oneYear).format(US_DATE),
            "Tasks",
            "Session",
            "Never used");
    assertThat(browser.driver.getPageSource()).doesNotContain(token);
    wait.until(
        ExpectedConditions.attributeToBe(
            By.id("search"), "placeholder", "Search api keys (1 available)"));

    browser.driver.navigate().refresh();
    find(By.cssSelector("[data-key='ci-pipeline']"));
    assertThat(browser.driver.getPageSource()).doesNotContain(token);
  }

  @Test
  void searchBox_filtersTheKeysByNameOrScope() {
    server.fixture.key(server.fixture.admin, "billing-export", Scope.Tasks);
    server.fixture.key(server.fixture.admin, "deploy-bot", Scope.PublishApp);
    logIn();
    wait.until(
        ExpectedConditions.attributeToBe(
            By.id("search"), "placeholder", "Search api keys (2 available)"));
    assertThat(find(By.id("search-label")).getAttribute("textContent"))
        .isEqualTo("Search api keys (2 available)");

    find(By.id("search")).sendKeys("publish");

    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#keys .card"), 1));
    assertThat(find(By.cssSelector("#keys .card")).getAttribute("data-key"))
        .isEqualTo("deploy-bot");
  }

  @Test
  void keyExpiringSoon_isFlagged() {
    var fixture = server.fixture;
    fixture
        .keywarden
        .keys()
        .createForUser(
            fixture.operator(),
            "admin",
            NewKey.of("short-lived", EnumSet.of(Scope.Tasks))
                .withExpiresAt(fixture.clock.instant().plus(Duration.ofDays(3))));
    fixture.key(fixture.admin, "long-lived", Scope.Tasks);
    logIn();

    assertThat(find(By.cssSelector("[data-key='short-lived'] .expires")).getText())
        .contains("Expires in 3 days");
    assertThat(find(By.cssSelector("[data-key='long-lived'] .expires")).getText())
        .doesNotContain("Expires in");
  }

  @Test
  void deleteKey_warnsItIsPermanent_andTheKeyStopsWorking() throws Exception {
    CreatedKey created = server.fixture.key(server.fixture.admin, "old-integration", Scope.Tasks);
    assertThat(status(created.token())).isEqualTo(200);
    logIn();

    click(By.cssSelector("[data-key='old-integration'] button.delete"));
    WebElement dialog = find(By.cssSelector("dialog[open]"));
    assertThat(dialog.getText())
        .contains("permanent", "cannot be undone", "will immediately stop working");
    assertThat(active().getText()).isEqualTo("Cancel");
    dialog.findElement(By.cssSelector("[data-confirm]")).click();

    wait.until(
        ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-key='old-integration']"), 0));
    wait.until(ExpectedConditions.textToBe(By.id("status"), "API key old-integration deleted."));
    assertThat(status(created.token())).isEqualTo(401);
  }

  @Test
  void regenerate_withAGracePeriod_keepsTheOldSecretWorkingMeanwhile() throws Exception {
    CreatedKey created = server.fixture.key(server.fixture.admin, "rotating", Scope.Tasks);
    logIn();

    click(By.cssSelector("[data-key='rotating'] button.regenerate"));
    new org.openqa.selenium.support.ui.Select(
            find(By.cssSelector("dialog[open] select[name=grace]")))
        .selectByValue("3600");
    click(By.cssSelector("dialog[open] button[type=submit]"));
    String fresh = find(By.cssSelector("dialog[open] .secret-value")).getDomProperty("value");
    click(By.cssSelector("dialog[open] button.primary"));

    assertThat(fresh).isNotEqualTo(created.token());
    assertThat(status(fresh)).isEqualTo(200);
    assertThat(status(created.token())).isEqualTo(200);
    assertThat(active().getAttribute("aria-label")).isEqualTo("Regenerate the secret of rotating");
  }

  @Test
  void disable_refusesTheKeyUntilEnabledAgain() throws Exception {
    CreatedKey created = server.fixture.key(server.fixture.admin, "pausable", Scope.Tasks);
    logIn();

    click(By.cssSelector("[data-key='pausable'] button.toggle"));
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("[data-key='pausable']"), "Disabled"));
    assertThat(status(created.token())).isEqualTo(401);

    click(By.cssSelector("[data-key='pausable'] button.toggle"));
    wait.until(
        ExpectedConditions.textToBe(
            By.cssSelector("[data-key='pausable'] button.toggle"), "Disable"));
    assertThat(status(created.token())).isEqualTo(200);
  }

  @Test
  void accountByPathPrefix_worksLikeByHostName() {
    browser.driver.get(server.prefixBase() + "/portal/login");
    find(By.id("username")).sendKeys("admin");
    find(By.id("password")).sendKeys(Fixture.ADMIN_PASSWORD, Keys.ENTER);

    wait.until(ExpectedConditions.urlMatches("/a/acme/portal/keys$"));
    wait.until(
        ExpectedConditions.attributeToBe(
            By.id("search"), "placeholder", "Search api keys (0 available)"));
    find(By.id("logout")).click();
    wait.until(ExpectedConditions.urlMatches("/a/acme/portal/login$"));
  }

  @Test
  void member_seesOnlyTheirKeys_withoutAdministrationPages() {
    server.fixture.user("mia", dev.keywarden.core.user.Role.member);
    open("login");
    find(By.id("username")).sendKeys("mia");
    find(By.id("password")).sendKeys(Fixture.ADMIN_PASSWORD, Keys.ENTER);
    wait.until(ExpectedConditions.textToBe(By.id("who"), "mia (member)"));

    assertThat(find(By.cssSelector("[data-nav=keys]")).isDisplayed()).isTrue();
    assertThat(browser.driver.findElement(By.cssSelector("[data-nav=users]")).isDisplayed())
        .isFalse();
    open("users");
    wait.until(
        ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile(".+")));
    assertThat(browser.driver.findElements(By.cssSelector("tr[data-user]"))).isEmpty();
  }

  @Test
  void everyControl_hasAnAccessibleName_onEveryPageAndDialog() {
    server.fixture.key(server.fixture.admin, "ci-pipeline", Scope.Tasks);
    server.fixture.license("Production");
    open("login");
    assertThat(unnamedControls()).isEmpty();
    logIn();
    assertThat(unnamedControls()).isEmpty();
    click(By.id("new-key"));
    find(By.cssSelector("dialog[open] input[name=name]"));
    assertThat(unnamedControls()).isEmpty();
    find(By.cssSelector("dialog[open] input[name=name]")).sendKeys(Keys.ESCAPE);
    open("licenses");
    find(By.cssSelector("[data-license] tr[data-key='default']"));
    assertThat(unnamedControls()).isEmpty();
    open("users");
    find(By.cssSelector("tr[data-user='admin']"));
    assertThat(unnamedControls()).isEmpty();
  }

  @Test
  void loginForm_tabOrderFollowsTheForm() {
    open("login");
    find(By.id("username"));
    assertThat(active().getAttribute("id")).isEqualTo("username");

    active().sendKeys(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("password");
    active().sendKeys(Keys.TAB);
    assertThat(active().getText()).isEqualTo("Log in");
  }

  @Test
  void newKeyDialog_isKeyboardOperable_andEscapeReturnsFocus() {
    logIn();
    find(By.id("new-key")).sendKeys(Keys.ENTER);
    find(By.cssSelector("dialog[open]"));
    assertThat(active().getAttribute("name")).isEqualTo("name");

    active().sendKeys(Keys.ESCAPE);

    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog[open]"), 0));
    assertThat(active().getAttribute("id")).isEqualTo("new-key");
  }

  @Test
  void createKey_withoutScopes_isRefusedInTheDialog() {
    logIn();
    click(By.id("new-key"));
    find(By.cssSelector("dialog[open] input[name=name]")).sendKeys("no-scopes");

    click(By.cssSelector("dialog[open] button[type=submit]"));

    wait.until(
        ExpectedConditions.textToBe(
            By.cssSelector("dialog[open] [role=alert]"), "Choose at least one scope."));
  }

  @Test
  void keyNameWithMarkup_isShownAsText_andNeverRuns() {
    String name = "<img src=x id=injected onerror=alert(document.domain)>";
    logIn();
    click(By.id("new-key"));
    find(By.cssSelector("dialog[open] input[name=name]")).sendKeys(name);
    click(By.cssSelector("dialog[open] input[name=scopes][value=Tasks]"));
    click(By.cssSelector("dialog[open] button[type=submit]"));
    WebElement title = find(By.cssSelector("dialog.secret-dialog[open] h2"));
    assertThat(title.getText()).contains(name);
    click(By.cssSelector("dialog[open] button.primary"));

    WebElement shown = find(By.cssSelector("#keys .card .key-name"));
    assertThat(shown.getText()).isEqualTo(name);
    assertThat(browser.driver.findElements(By.id("injected"))).isEmpty();
    assertThat(browser.driver.findElements(By.cssSelector("#keys img"))).isEmpty();
    click(By.cssSelector("#keys .card button.delete"));
    assertThat(find(By.cssSelector("dialog.confirm-dialog[open] h2")).getText()).contains(name);
    assertThat(browser.driver.findElements(By.id("injected"))).isEmpty();
    try {
      browser.driver.switchTo().alert();
      throw new AssertionError("A script ran from a key name");
    } catch (NoAlertPresentException expected) {
      // Nothing ran.
    }
  }

  @Test
  void licenses_addRegenerateAndDeleteAKey_defaultKeyCannotBeDeleted() throws Exception {
    LicenseService.Created license = server.fixture.license("Production");
    long id = license.license().id();
    logIn();
    open("licenses");
    String section = "[data-license='" + id + "'] ";
    WebElement defaultRow = find(By.cssSelector(section + "tr[data-key='default']"));
    assertThat(defaultRow.getText()).contains("Default");
    assertThat(defaultRow.findElements(By.cssSelector("button.delete"))).isEmpty();

    click(By.cssSelector(section + "button.add-key"));
    WebElement dialog = find(By.cssSelector("dialog[open]"));
    assertThat(dialog.findElement(By.cssSelector("input[value=Tasks]")).isSelected()).isTrue();
    assertThat(dialog.findElement(By.cssSelector("input[value=Session]")).isSelected()).isTrue();
    dialog.findElement(By.name("name")).sendKeys("ci-runner");
    dialog.findElement(By.cssSelector("button[type=submit]")).click();
    String first = find(By.cssSelector("dialog[open] .secret-value")).getDomProperty("value");
    click(By.cssSelector("dialog[open] button.primary"));
    String row = section + "tr[data-key='ci-runner'] ";
    find(By.cssSelector(row));
    assertThat(status(first)).isEqualTo(200);

    click(By.cssSelector(row + "button.regenerate"));
    assertThat(find(By.cssSelector("dialog[open] select[name=grace]")).getText())
        .contains("Stops working immediately");
    click(By.cssSelector("dialog[open] button[type=submit]"));
    String second = find(By.cssSelector("dialog[open] .secret-value")).getDomProperty("value");
    click(By.cssSelector("dialog[open] button.primary"));
    assertThat(second).isNotEqualTo(first);
    assertThat(status(first)).isEqualTo(401);
    assertThat(status(second)).isEqualTo(200);
    assertThat(browser.driver.getPageSource()).doesNotContain(first, second);

    click(By.cssSelector(row + "button.delete"));
    click(By.cssSelector("dialog[open] [data-confirm]"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(row), 0));
    assertThat(status(second)).isEqualTo(401);
  }

  @Test
  void licenses_showKeysForAllLicensesAndLegacyKeys_legacyKeysCanOnlyBeDeleted() {
    var fixture = server.fixture;
    fixture.key(fixture.admin, "all-access", Scope.Tasks);
    fixture
        .keywarden
        .keys()
        .importLegacy(
            fixture.operator(),
            "admin",
            "old-v1",
            "LEGACYACCESS01",
            "a legacy secret of some length",
            NewKey.of("old-v1", EnumSet.of(Scope.Tasks)));
    logIn();
    open("licenses");

    assertThat(find(By.cssSelector("[data-section=account] tr[data-key='all-access']")).getText())
        .contains("all-access", "Tasks");
    WebElement legacy = find(By.cssSelector("[data-section=legacy] tr[data-key='old-v1']"));
    assertThat(legacy.getText()).contains("Deprecated");
    assertThat(legacy.findElements(By.cssSelector("button.regenerate"))).isEmpty();

    click(By.cssSelector("[data-section=legacy] tr[data-key='old-v1'] button.delete"));
    click(By.cssSelector("dialog[open] [data-confirm]"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-section=legacy]"), 0));
  }

  @Test
  void createKey_boundToOneLicense_showsWhatItReaches() {
    LicenseService.Created license = server.fixture.license("Production");
    long id = license.license().id();
    logIn();
    click(By.id("new-key"));
    find(By.cssSelector("dialog[open] input[name=name]")).sendKeys("pool-manager");
    new org.openqa.selenium.support.ui.Select(
            find(By.cssSelector("dialog[open] select[name=binding]")))
        .selectByValue("license:" + id);
    click(By.cssSelector("dialog[open] input[name=scopes][value=Tasks]"));
    click(By.cssSelector("dialog[open] button[type=submit]"));
    find(By.cssSelector("dialog.secret-dialog[open]"));
    click(By.cssSelector("dialog[open] button.primary"));

    assertThat(find(By.cssSelector("[data-key='pool-manager'] .binding")).getText())
        .isEqualTo("Only license " + id + " (Production)");
    assertThat(find(By.cssSelector("[data-key='pool-manager']")).isDisplayed()).isTrue();
  }

  @Test
  void licenses_downloadTheLicenseFile() throws Exception {
    LicenseService.Created license = server.fixture.license("Production");
    logIn();
    open("licenses");

    click(By.cssSelector("[data-license='" + license.license().id() + "'] a.download"));

    Path file = downloaded();
    String text = Files.readString(file);
    assertThat(text)
        .contains(
            "CLOUDACCESSID=" + license.defaultKey().key().accessId(),
            "LICENSEID=" + license.license().id(),
            "CLOUDPOOL=" + license.license().id() + "-default",
            "CLOUDKEY=");
  }

  @Test
  void users_adminCreatesAndDeletesAUser() {
    logIn();
    open("users");
    find(By.cssSelector("tr[data-user='admin']"));

    click(By.id("new-user"));
    find(By.cssSelector("dialog[open] input[name=username]")).sendKeys("dana");
    find(By.cssSelector("dialog[open] input[name=password]")).sendKeys("a long enough password");
    click(By.cssSelector("dialog[open] button[type=submit]"));
    WebElement row = find(By.cssSelector("tr[data-user='dana']"));
    assertThat(row.getText()).contains("member");

    click(By.cssSelector("tr[data-user='dana'] button.delete"));
    click(By.cssSelector("dialog[open] [data-confirm]"));
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-user='dana']"), 0));
  }

  private void open(String page) {
    browser.driver.get(server.hostBase() + "/portal/" + page);
  }

  private void logIn() {
    open("login");
    find(By.id("username")).sendKeys("admin");
    find(By.id("password")).sendKeys(Fixture.ADMIN_PASSWORD);
    click(By.cssSelector("button[type=submit]"));
    wait.until(ExpectedConditions.urlMatches("/portal/keys$"));
    wait.until(ExpectedConditions.textToBe(By.id("who"), "admin (admin)"));
  }

  private WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void click(By by) {
    wait.until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  /** Interactive elements of the accessibility tree that a screen reader could not name. */
  @SuppressWarnings("unchecked")
  private List<String> unnamedControls() {
    var roles =
        java.util.Set.of(
            "button", "link", "textbox", "searchbox", "checkbox", "combobox", "radio", "dialog");
    var tree = browser.driver.executeCdpCommand("Accessibility.getFullAXTree", java.util.Map.of());
    List<String> unnamed = new java.util.ArrayList<>();
    int controls = 0;
    for (Object item : (List<Object>) tree.get("nodes")) {
      var node = (java.util.Map<String, Object>) item;
      if (Boolean.TRUE.equals(node.get("ignored"))) {
        continue;
      }
      var role = (java.util.Map<String, Object>) node.get("role");
      var name = (java.util.Map<String, Object>) node.get("name");
      String roleName = role == null ? "" : String.valueOf(role.get("value"));
      String label = name == null ? "" : String.valueOf(name.get("value")).strip();
      if (roles.contains(roleName)) {
        controls++;
        if (label.isEmpty() || label.equals("null")) {
          unnamed.add(roleName + " in " + browser.driver.getCurrentUrl());
        }
      }
    }
    assertThat(controls).as("controls in the accessibility tree").isGreaterThan(2);
    return unnamed;
  }

  private WebElement active() {
    return browser.driver.switchTo().activeElement();
  }

  private Path downloaded() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> files = Files.list(browser.downloads)) {
        List<Path> done =
            files.filter(path -> !path.getFileName().toString().endsWith(".crdownload")).toList();
        if (!done.isEmpty()) {
          return done.getFirst();
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("No file was downloaded into " + browser.downloads);
  }

  /** The status of a request authenticated with a token: 200 when the key works, else 401. */
  private int status(String token) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(server.prefixBase() + SCOPES_API))
            .header("Authorization", "Bearer " + token)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
