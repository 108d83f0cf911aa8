package dev.keywarden.cli;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.crypto.MasterKey;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the store is: {@code --data <dir>} (embedded, default) or {@code --db-url}. */
final class StoreOptions {
  @Option(
      names = "--data",
      paramLabel = "<dir>",
      description = "Embedded database folder (default: ${DEFAULT-VALUE}).",
      defaultValue = "${env:KEYWARDEN_DATA:-./data}")
  Path dataDir;

  @Option(
      names = "--db-url",
      paramLabel = "<jdbc-url>",
      description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/keywarden.",
      defaultValue = "${env:KEYWARDEN_DB_URL}")
  String dbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "<user>",
      description = "Database user (default: $KEYWARDEN_DB_USER).",
      defaultValue = "${env:KEYWARDEN_DB_USER}")
  String dbUser;

  @Option(
      names = "--db-password",
      paramLabel = "<password>",
      description = "Database password (prefer $KEYWARDEN_DB_PASSWORD).",
      defaultValue = "${env:KEYWARDEN_DB_PASSWORD}")
  String dbPassword;

  @Option(
      names = "--master-key-file",
      paramLabel = "<file>",
      description = "File holding the base64 master key (else $KEYWARDEN_MASTER_KEY).")
  Path masterKeyFile;

  StoreConfig config() {
    String masterKey = masterKey();
    if (dbUrl == null || dbUrl.isBlank()) {
      StoreConfig embedded = StoreConfig.embedded(dataDir);
      return masterKey == null ? embedded : embedded.withMasterKey(MasterKey.fromBase64(masterKey));
    }
    if (!dbUrl.startsWith("jdbc:postgresql:") && !dbUrl.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("--db-url must be a jdbc:postgresql: URL");
    }
    if (masterKey == null) {
      throw new IllegalArgumentException(
          "With --db-url, give the master key in "
              + MasterKey.ENVIRONMENT_VARIABLE
              + " or --master-key-file (32 random bytes, base64: openssl rand -base64 32)");
    }
    return StoreConfig.jdbc(dbUrl, dbUser, dbPassword, MasterKey.fromBase64(masterKey));
  }

  private String masterKey() {
    if (masterKeyFile == null) {
      return System.getenv(MasterKey.ENVIRONMENT_VARIABLE);
    }
    try {
      return java.nio.file.Files.readString(masterKeyFile).trim();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Cannot read --master-key-file " + masterKeyFile);
    }
  }

  Keywarden open() {
    return Keywarden.open(config());
  }
}
