package dev.keywarden.cli.remote;

import dev.keywarden.client.LicenseFileLocator;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The process environment the remote commands read ({@code KEYWARDEN_TOKEN}, {@code KEYWARDEN_URL},
 * {@code KEYWARDEN_ACCOUNT}, the license file): the real one, or in tests one they set. Thread-safe
 * (volatile fields; tests replace them between runs).
 */
public final class RemoteEnvironment {
  private static volatile Function<String, String> variables = System::getenv;
  private static volatile LicenseFileLocator locator = LicenseFileLocator.system();

  private RemoteEnvironment() {}

  /** A variable of the environment, blank as unset. */
  public static String variable(String name) {
    String value = variables.apply(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  static LicenseFileLocator locator() {
    return locator;
  }

  /** Tests: an explicit environment and home directory instead of the process's. */
  public static void override(Map<String, String> environment, Path home) {
    variables = environment::get;
    locator = new LicenseFileLocator(environment::get, home, System.getProperty("os.name", ""));
  }

  /** Tests: back to the process's environment. */
  public static void reset() {
    variables = System::getenv;
    locator = LicenseFileLocator.system();
  }
}
