package dev.keywarden.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.keywarden.core.KeywardenException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool and the transaction boundary. A transaction is bound to the calling thread
 * for the length of {@link #inTransaction}, so the JDBC stores take part in it without passing a
 * connection around. Blocking: never call from an event loop. Thread-safe.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final boolean postgres;
  private final ThreadLocal<Connection> current = new ThreadLocal<>();

  private Database(HikariDataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
  }

  /**
   * The embedded H2 file database in {@code dataDir}, shareable by several local processes. Closed
   * to everyone else: the folder is owner-only (0700) and its files 0600; the database's own
   * server, through which a second local process (an operator command) reaches a running one,
   * listens on loopback only and takes a password generated into {@code <data>/db.password} on
   * first open (a store made before that, opened as {@code sa} with no password, is given the
   * password then). A commit is written to the file before it returns ({@code WRITE_DELAY=0}), so
   * an acknowledged change survives the process being killed. H2's own trace goes to the log
   * ({@code TRACE_LEVEL_FILE=4}), not to a file the umask would leave readable.
   */
  public static Database embedded(Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    EmbeddedFiles.ownerOnlyFolder(dir);
    // Read once, when H2's settings class loads: set it before the first H2 class is touched.
    if (System.getProperty("h2.bindAddress") == null) {
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
    String url =
        "jdbc:h2:file:"
            + dir.resolve("keywarden")
            + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;TRACE_LEVEL_FILE=4";
    String password = EmbeddedFiles.password(dir);
    EmbeddedFiles.setPasswordOfOpenStore(url, password);
    Database database = open(url, "sa", password, 8);
    EmbeddedFiles.ownerOnlyFiles(dir);
    return database;
  }

  /** A database by JDBC URL (PostgreSQL for production, H2 for tests). */
  public static Database open(String jdbcUrl, String user, String password, int poolSize) {
    Objects.requireNonNull(jdbcUrl, "null jdbcUrl");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("keywarden");
    config.setConnectionTimeout(10_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Cannot connect to the database: " + rootMessage(e), e);
    }
    Flyway.configure().dataSource(dataSource).load().migrate();
    return new Database(dataSource, jdbcUrl.startsWith("jdbc:postgresql:"));
  }

  /** Whether this is PostgreSQL. */
  public boolean isPostgres() {
    return postgres;
  }

  /** The pool, for health checks. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Work that reads or writes through a connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Does the work. */
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs work in one transaction on this thread, committing on success and rolling back on any
   * exception. Nested calls join the outer transaction.
   */
  public <T> T inTransaction(Work<T> work) {
    Connection joined = current.get();
    if (joined != null) {
      return run(joined, work);
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      current.set(connection);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        current.remove();
      }
    } catch (SQLException e) {
      throw Sql.translate(e);
    }
  }

  /** Runs work on the thread's transaction, or on a connection of its own in auto-commit. */
  public <T> T withConnection(Work<T> work) {
    Connection joined = current.get();
    if (joined != null) {
      return run(joined, work);
    }
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw Sql.translate(e);
    }
  }

  private static <T> T run(Connection connection, Work<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw Sql.translate(e);
    }
  }

  /** Whether the database answers within a second. */
  public boolean isReachable() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(1);
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }

  /** Thrown for a unique-key violation; services turn it into a conflict with a field. */
  public static final class UniqueViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UniqueViolation(SQLException cause) {
      super("unique violation", cause);
    }
  }

  static final class Sql {
    private Sql() {}

    /** Classifies by SQLState: 23505 is a unique violation; anything else is a storage fault. */
    static RuntimeException translate(SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        return new UniqueViolation(e);
      }
      return KeywardenException.storage(e);
    }
  }
}
