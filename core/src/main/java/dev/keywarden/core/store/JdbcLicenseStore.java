package dev.keywarden.core.store;

import dev.keywarden.core.license.License;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Licenses in SQL. Thread-safe; blocking. */
public final class JdbcLicenseStore {
  private final Database database;

  /** A store on the database. */
  public JdbcLicenseStore(Database database) {
    this.database = database;
  }

  /** Inserts a license; its id comes from the database. */
  public License insert(long accountId, String name, Instant createdAt) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO licenses (account_id, name, created_at) VALUES (?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, accountId);
            insert.setString(2, name);
            Rows.setInstant(insert, 3, createdAt);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              return new License(keys.getLong(1), accountId, name, createdAt);
            }
          }
        });
  }

  /** The account's license with that id; another account's license is not found. */
  public Optional<License> find(long accountId, long licenseId) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT * FROM licenses WHERE account_id = ? AND id = ?")) {
            select.setLong(1, accountId);
            select.setLong(2, licenseId);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
          }
        });
  }

  /** The account's licenses, by id. */
  public List<License> findByAccount(long accountId) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT * FROM licenses WHERE account_id = ? ORDER BY id")) {
            select.setLong(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
              List<License> licenses = new ArrayList<>();
              while (rows.next()) {
                licenses.add(map(rows));
              }
              return licenses;
            }
          }
        });
  }

  private static License map(ResultSet rows) throws SQLException {
    return new License(
        rows.getLong("id"),
        rows.getLong("account_id"),
        rows.getString("name"),
        Rows.getInstant(rows, "created_at"));
  }
}
