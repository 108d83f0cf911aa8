package dev.keywarden.cli;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.crypto.MasterKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the store is: {@code --data <dir>} (the embedded database, default {@code ./data}) or
 * {@code --db-url} (PostgreSQL), each also from the environment or the configuration file.
 */
public final class StoreOptions {
  /** The file the embedded database keeps its data in, inside the data folder. */
  static final String EMBEDDED_FILE = "keywarden.mv.db";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--data",
      paramLabel = "<dir>",
      defaultValue = "./data",
      description = "Embedded database folder (default: ./data).")
  Path dataDir;

  @Option(
      names = "--db-url",
      paramLabel = "<jdbc-url>",
      description =
          "PostgreSQL instead of the folder, e.g. jdbc:postgresql://127.0.0.1:5432/keywarden.")
  String dbUrl;

  @Option(names = "--db-user", paramLabel = "<user>", description = "PostgreSQL user.")
  String dbUser;

  @Option(
      names = "--db-password",
      paramLabel = "<password>",
      description = "PostgreSQL password (prefer KEYWARDEN_DB_PASSWORD: ps shows command lines).")
  String dbPassword;

  @Option(
      names = "--master-key-file",
      paramLabel = "<file>",
      description =
          "File holding the base64 master key (else KEYWARDEN_MASTER_KEY; the embedded database"
              + " keeps one in <data>/master.key).")
  Path masterKeyFile;

  @Option(
      names = "--config",
      paramLabel = "<file>",
      description = "Configuration file of settings (Java properties; see 'keywarden config').")
  Path configFile;

  /** The store's configuration. */
  StoreConfig config() {
    String masterKey = masterKey();
    if (dbUrl == null || dbUrl.isBlank()) {
      StoreConfig embedded = StoreConfig.embedded(dataDir);
      return masterKey == null ? embedded : embedded.withMasterKey(MasterKey.fromBase64(masterKey));
    }
    if (!dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
      throw CommandFailure.invalid("--db-url must be a jdbc:postgresql: URL.");
    }
    if (masterKey == null) {
      throw CommandFailure.invalid(
          "With --db-url, give the master key in "
              + MasterKey.ENVIRONMENT_VARIABLE
              + " or --master-key-file (32 random bytes in base64: openssl rand -base64 32).");
    }
    return StoreConfig.jdbc(dbUrl, dbUser, dbPassword, MasterKey.fromBase64(masterKey));
  }

  private String masterKey() {
    if (masterKeyFile == null) {
      return Configuration.current().value(Setting.MASTER_KEY).orElse(null);
    }
    try {
      return Files.readString(masterKeyFile).strip();
    } catch (IOException e) {
      throw CommandFailure.invalid("Cannot read the master key file " + masterKeyFile + ".");
    }
  }

  /** Opens the store, creating it if it does not exist yet (for {@code serve}). */
  Keywarden open() {
    return Keywarden.open(config());
  }

  /**
   * Opens a store that exists: an embedded database folder without one is an error, not a new empty
   * store, so that a mistyped {@code --data} changes nothing.
   */
  Keywarden openExisting() {
    StoreConfig config = config();
    if (config.jdbcUrl() == null && !Files.exists(config.dataDir().resolve(EMBEDDED_FILE))) {
      throw CommandFailure.unavailable(
          "There is no Keywarden store in "
              + config.dataDir().toAbsolutePath().normalize()
              + " (give --data the folder 'keywarden serve' uses, or --db-url).");
    }
    return Keywarden.open(config);
  }

  /**
   * Whether this command was pointed at a store: {@code --data}, {@code --db-url} or {@code
   * --config} on its command line, or a data folder, database URL or configuration file in the
   * environment or the file.
   */
  boolean named() {
    var parsed = command.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--data")
        || parsed.hasMatchedOption("--db-url")
        || parsed.hasMatchedOption("--config")) {
      return true;
    }
    Configuration configuration = Configuration.current();
    return configuration.file().isPresent()
        || configuration.value(Setting.DATA).isPresent()
        || configuration.value(Setting.DB_URL).isPresent();
  }

  /** Whether {@code --data} or {@code --db-url} is on the command line itself. */
  boolean onCommandLine() {
    var parsed = command.commandLine().getParseResult();
    return parsed.hasMatchedOption("--data")
        || parsed.hasMatchedOption("--db-url")
        || parsed.hasMatchedOption("--config");
  }

  /** The store in words, for people: never a password. */
  String describe() {
    if (dbUrl == null || dbUrl.isBlank()) {
      return "embedded database in " + dataDir.toAbsolutePath().normalize();
    }
    int query = dbUrl.indexOf('?');
    return "PostgreSQL at " + (query < 0 ? dbUrl : dbUrl.substring(0, query));
  }
}
