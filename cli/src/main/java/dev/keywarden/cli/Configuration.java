package dev.keywarden.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The settings of one run from outside the command line: the environment and the configuration file
 * ({@code --config <file>} or {@code KEYWARDEN_CONFIG}), a Java properties file whose keys are the
 * {@link Setting} names. Flags are picocli's business; this class answers for the rest, in the
 * documented order (environment, then file). Immutable.
 */
public final class Configuration {
  private static volatile Configuration current = new Configuration(System::getenv, null, Map.of());

  private final Function<String, String> environment;
  private final Path file;
  private final Map<String, String> fileValues;

  private Configuration(
      Function<String, String> environment, Path file, Map<String, String> values) {
    this.environment = environment;
    this.file = file;
    this.fileValues = values;
  }

  /**
   * Reads the configuration file named by {@code configFlag}, else by {@code KEYWARDEN_CONFIG}, if
   * either names one.
   *
   * @throws CommandFailure when the file cannot be read or names an unknown setting
   */
  static Configuration load(Function<String, String> environment, String configFlag) {
    String named =
        configFlag != null ? configFlag : blankToNull(environment.apply("KEYWARDEN_CONFIG"));
    if (named == null) {
      return new Configuration(environment, null, Map.of());
    }
    Path path = Path.of(named);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw CommandFailure.invalid("Cannot read the configuration file " + path + ".");
    } catch (IllegalArgumentException e) {
      throw CommandFailure.invalid("The configuration file " + path + " is not a properties file.");
    }
    Map<String, String> values = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      Optional<Setting> setting = Setting.forKey(name);
      if (setting.isEmpty() || !setting.get().inFile()) {
        throw CommandFailure.invalid(
            "The configuration file "
                + path
                + " names an unknown setting '"
                + name
                + "' (see 'keywarden config').");
      }
      String value = properties.getProperty(name).strip();
      if (!value.isEmpty()) {
        values.put(name, value);
      }
    }
    return new Configuration(environment, path, values);
  }

  /** The configuration of the command running now. */
  public static Configuration current() {
    return current;
  }

  /** Makes this the configuration of the command about to run. */
  void install() {
    current = this;
  }

  /** The configuration file, if one was given. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** A setting's value from the environment, else the file; empty when neither sets it. */
  public Optional<String> value(Setting setting) {
    return Optional.ofNullable(fromEnvironment(setting)).or(() -> fromFile(setting));
  }

  /** Where {@link #value} found a setting, or empty. */
  public Optional<Source> source(Setting setting) {
    if (fromEnvironment(setting) != null) {
      return Optional.of(Source.ENVIRONMENT);
    }
    return fromFile(setting).map(value -> Source.FILE);
  }

  /** A variable of the environment, blank as unset. */
  public String environment(String name) {
    return blankToNull(environment.apply(name));
  }

  private String fromEnvironment(Setting setting) {
    return environment(setting.environmentVariable());
  }

  private Optional<String> fromFile(Setting setting) {
    return Optional.ofNullable(fileValues.get(setting.key()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Where a setting's value came from. */
  public enum Source {
    FLAG("flag"),
    ENVIRONMENT("environment"),
    FILE("file"),
    DEFAULT("default");

    private final String label;

    Source(String label) {
      this.label = label;
    }

    /** How {@code keywarden config} shows it. */
    public String label() {
      return label;
    }
  }
}
