package dev.keywarden.core.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/**
 * Portal sessions in SQL, so that any node can serve any session. Only the SHA-256 of a session
 * token is stored. Thread-safe; blocking.
 */
public final class JdbcSessionStore {
  private final Database database;

  /** A store on the database. */
  public JdbcSessionStore(Database database) {
    this.database = database;
  }

  /** A stored session. */
  public record Row(long userId, String csrfToken, Instant expiresAt) {}

  /** Inserts a session. */
  public void insert(String tokenHash, long userId, String csrfToken, Instant at, Instant expires) {
    database.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, tokenHash);
            insert.setLong(2, userId);
            insert.setString(3, csrfToken);
            Rows.setInstant(insert, 4, at);
            Rows.setInstant(insert, 5, expires);
            return insert.executeUpdate();
          }
        });
  }

  /** The session with that token hash. */
  public Optional<Row> find(String tokenHash) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ?")) {
            select.setString(1, tokenHash);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next()
                  ? Optional.of(
                      new Row(
                          rows.getLong(1), rows.getString(2), Rows.getInstant(rows, "expires_at")))
                  : Optional.empty();
            }
          }
        });
  }

  /** Deletes a session, and every expired one. */
  public void delete(String tokenHash, Instant now) {
    database.withConnection(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM sessions WHERE token_hash = ? OR expires_at < ?")) {
            delete.setString(1, tokenHash);
            Rows.setInstant(delete, 2, now);
            return delete.executeUpdate();
          }
        });
  }
}
