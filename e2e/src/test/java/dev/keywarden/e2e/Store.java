package dev.keywarden.e2e;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a server under test keeps its data: an embedded database folder, or a fresh PostgreSQL
 * database from core's {@code TestDatabases}, on 127.0.0.1:5432 (override with {@code
 * KEYWARDEN_TEST_PG_URL}, {@code KEYWARDEN_TEST_PG_USER}) with its master key in a file. Without
 * PostgreSQL its tests skip with a visible message, unless {@code KEYWARDEN_REQUIRE_POSTGRES=true}
 * (as in CI), where they fail.
 *
 * @param kind "h2" or "postgres", for test names
 * @param dir the data folder (the embedded database, or just the master key file)
 * @param jdbcUrl the PostgreSQL URL, or null for the embedded database
 */
public record Store(String kind, Path dir, String jdbcUrl) {
  static final String PG_USER = env("KEYWARDEN_TEST_PG_USER", "postgres");

  /** A new, empty embedded store in a fresh folder under the build's work directory. */
  public static Store embedded() {
    return new Store("h2", newDir("h2"), null);
  }

  /**
   * A new, empty PostgreSQL database with a master key file (skips or fails without PostgreSQL).
   */
  public static Store postgres() {
    StoreConfig database = TestDatabases.postgres();
    Path dir = newDir("pg");
    try {
      Files.writeString(dir.resolve("master.key"), TestDatabases.masterKeyBase64(database) + "\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Store("postgres", dir, database.jdbcUrl());
  }

  /** The store by kind name, for parameterized tests: "h2" or "postgres". */
  public static Store of(String kind) {
    return switch (kind) {
      case "h2" -> embedded();
      case "postgres" -> postgres();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** The command-line options that point a command at this store. */
  public List<String> options() {
    List<String> options = new ArrayList<>();
    if (jdbcUrl == null) {
      options.add("--data");
      options.add(dir.toString());
    } else {
      options.addAll(
          List.of(
              "--db-url",
              jdbcUrl,
              "--db-user",
              PG_USER,
              "--master-key-file",
              dir.resolve("master.key").toString()));
    }
    return options;
  }

  /** A JDBC connection to a PostgreSQL store, for checks a test makes behind the server's back. */
  public Connection connect() throws SQLException {
    if (jdbcUrl == null) {
      throw new IllegalStateException("only PostgreSQL stores are reached directly");
    }
    return DriverManager.getConnection(jdbcUrl, PG_USER, "");
  }

  @Override
  public String toString() {
    return kind;
  }

  private static Path newDir(String prefix) {
    try {
      Path work = Path.of(System.getProperty("e2e.work", System.getProperty("java.io.tmpdir")));
      Files.createDirectories(work);
      return Files.createTempDirectory(work, prefix + "-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
