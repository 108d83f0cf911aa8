package dev.keywarden.server.portal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through its own ChromeDriver ({@code apt-get install chromium
 * chromium-driver}). Nothing is downloaded: both binaries must be installed. Without them the
 * browser tests are skipped with a message, or fail when {@code KEYWARDEN_REQUIRE_BROWSER=true} (as
 * in CI).
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(env("KEYWARDEN_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(env("KEYWARDEN_CHROMEDRIVER", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  final Path downloads;
  private final Path profile;

  private Browser(ChromeDriver driver, Path downloads, Path profile) {
    this.driver = driver;
    this.downloads = downloads;
    this.profile = profile;
  }

  /** Whether Chromium and ChromeDriver are installed. */
  static boolean isInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  /** Skips (or fails, where a browser is required) unless Chromium and ChromeDriver are here. */
  static void requireInstalled() {
    if (isInstalled()) {
      return;
    }
    String message =
        "Browser tests need Debian's Chromium and ChromeDriver at "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install -y chromium chromium-driver)";
    if (Boolean.parseBoolean(System.getenv("KEYWARDEN_REQUIRE_BROWSER"))) {
      Assertions.fail(message + "; KEYWARDEN_REQUIRE_BROWSER is set");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
  }

  /** Starts a fresh headless Chromium with an empty profile, at a given window size. */
  static Browser start(int width, int height) {
    requireInstalled();
    try {
      Path profile = Files.createTempDirectory("kw-chromium-profile");
      Path downloads = Files.createTempDirectory("kw-chromium-downloads");
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
          "--host-resolver-rules=MAP *.localhost 127.0.0.1",
          "--window-size=" + width + "," + height,
          "--user-data-dir=" + profile);
      options.setExperimentalOption(
          "prefs",
          Map.of(
              "download.default_directory",
              downloads.toString(),
              "download.prompt_for_download",
              false));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .withLogFile(new File(profile.toFile(), "chromedriver.log"))
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      driver.executeCdpCommand(
          "Browser.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      return new Browser(driver, downloads, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      delete(profile);
      delete(downloads);
    }
  }

  private static void delete(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Temporary files: best effort.
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
