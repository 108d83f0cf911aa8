package dev.keywarden.core.testing;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.crypto.MasterKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh databases for tests: an in-memory H2 one, or a new PostgreSQL database on 127.0.0.1:5432
 * (override with {@code KEYWARDEN_TEST_PG_URL}, {@code KEYWARDEN_TEST_PG_USER}). Without PostgreSQL
 * the PostgreSQL tests are skipped with a visible message, unless {@code
 * KEYWARDEN_REQUIRE_POSTGRES=true} (as in CI), where they fail.
 */
public final class TestDatabases {
  private static final String PG_URL =
      env("KEYWARDEN_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String PG_USER = env("KEYWARDEN_TEST_PG_USER", "postgres");
  private static final String PG_PASSWORD = env("KEYWARDEN_TEST_PG_PASSWORD", "");

  private TestDatabases() {}

  /** A fresh in-memory H2 database. */
  public static StoreConfig h2() {
    return StoreConfig.jdbc(
            "jdbc:h2:mem:kw" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
            "sa",
            "",
            newMasterKey())
        .withIntervals(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200));
  }

  /** A fresh, empty PostgreSQL database (skips or fails the test if there is none). */
  public static StoreConfig postgres() {
    String name = "kw_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection admin = DriverManager.getConnection(PG_URL + "postgres", PG_USER, PG_PASSWORD);
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      String message =
          "PostgreSQL tests need PostgreSQL at " + PG_URL + " (" + e.getMessage() + ")";
      if (Boolean.parseBoolean(System.getenv("KEYWARDEN_REQUIRE_POSTGRES"))) {
        throw new IllegalStateException(message + "; KEYWARDEN_REQUIRE_POSTGRES is set", e);
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    return StoreConfig.jdbc(PG_URL + name, PG_USER, PG_PASSWORD, newMasterKey())
        .withIntervals(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200));
  }

  private static final java.util.Map<MasterKey, String> MASTER_KEYS =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static MasterKey newMasterKey() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    String text = java.util.Base64.getEncoder().encodeToString(bytes);
    MasterKey key = MasterKey.fromBase64(text);
    MASTER_KEYS.put(key, text);
    return key;
  }

  /** The base64 form of a test database's master key, for commands that read it from a file. */
  public static String masterKeyBase64(StoreConfig config) {
    return MASTER_KEYS.get(config.masterKey());
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
