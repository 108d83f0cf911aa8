package dev.keywarden.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the license file the way client tools do, first match wins:
 *
 * <ol>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE}, which overrides everything: when
 *       it is set, no other place is searched (a file it names that does not exist is an error, so
 *       a typo never silently picks up other credentials); it may name the file or a folder holding
 *       {@value #FILE_NAME};
 *   <li>{@value #FILE_NAME} in the user's home directory;
 *   <li>{@value #FILE_NAME} in the shared location: {@code /opt/keywarden/} on Linux and other Unix
 *       systems, {@code C:\keywarden\} on Windows, {@code /Library/keywarden/} on macOS.
 * </ol>
 *
 * <p>The environment, home directory and operating system are injected so that tests need not touch
 * the real ones; {@link #system()} uses the process's. Immutable and thread-safe.
 */
public final class LicenseFileLocator {
  /** The environment variable that names the license file and overrides every other place. */
  public static final String ENVIRONMENT_VARIABLE = "KEYWARDEN_LICENSE_FILE";

  /** The license file's name in the home directory and the shared location. */
  public static final String FILE_NAME = "keywarden.lic";

  private final Function<String, String> environment;
  private final Path home;
  private final String osName;

  /**
   * A locator over an explicit environment.
   *
   * @param environment reads an environment variable ({@code null} when unset)
   * @param home the user's home directory, or {@code null} if there is none
   * @param osName the operating system's name, as in the {@code os.name} system property
   */
  public LicenseFileLocator(Function<String, String> environment, Path home, String osName) {
    this.environment = Objects.requireNonNull(environment, "null environment");
    this.home = home;
    this.osName = Objects.requireNonNull(osName, "null osName");
  }

  /** A locator over this process's environment, home directory and operating system. */
  public static LicenseFileLocator system() {
    String home = System.getProperty("user.home");
    return new LicenseFileLocator(
        System::getenv,
        home == null || home.isBlank() ? null : Path.of(home),
        System.getProperty("os.name", ""));
  }

  /** The shared location for an operating system name. */
  public static Path sharedDirectory(String osName) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return Path.of("C:\\keywarden\\");
    }
    if (os.startsWith("mac") || os.startsWith("darwin")) {
      return Path.of("/Library/keywarden/");
    }
    return Path.of("/opt/keywarden/");
  }

  /** The places searched, in order (only the override when the environment variable is set). */
  public List<Path> candidates() {
    Optional<Path> override = override();
    if (override.isPresent()) {
      return List.of(override.get());
    }
    List<Path> places = new ArrayList<>(2);
    if (home != null) {
      places.add(home.resolve(FILE_NAME));
    }
    places.add(sharedDirectory(osName).resolve(FILE_NAME));
    return List.copyOf(places);
  }

  /**
   * The license file's path, if there is one.
   *
   * @throws IllegalStateException if {@value #ENVIRONMENT_VARIABLE} names a missing file
   */
  public Optional<Path> locate() {
    Optional<Path> override = override();
    if (override.isPresent()) {
      Path path = override.get();
      if (!Files.isRegularFile(path)) {
        throw new IllegalStateException(
            ENVIRONMENT_VARIABLE + " names " + path + ", which is not a readable file");
      }
      return override;
    }
    return candidates().stream().filter(Files::isRegularFile).findFirst();
  }

  /**
   * The license file, read and parsed, if there is one.
   *
   * @throws IllegalStateException if {@value #ENVIRONMENT_VARIABLE} names a missing file
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  public Optional<LicenseFile> find() {
    return locate().map(LicenseFile::read);
  }

  private Optional<Path> override() {
    String value = environment.apply(ENVIRONMENT_VARIABLE);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(value.strip());
    return Optional.of(Files.isDirectory(path) ? path.resolve(FILE_NAME) : path);
  }
}
