package dev.keywarden.core.store;

import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Users and their password hashes in SQL. Thread-safe; blocking. */
public final class JdbcUserStore {
  private final Database database;

  /** A store on the database. */
  public JdbcUserStore(Database database) {
    this.database = database;
  }

  /** A user with its password hash, for logging in. */
  public record WithPassword(User user, String passwordHash) {
    @Override
    public String toString() {
      return "WithPassword[user=" + user + ", passwordHash=***]";
    }
  }

  /** Inserts a user. */
  public User insert(long accountId, String username, String passwordHash, Role role, Instant at) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO users (account_id, username, password_hash, role, created_at)"
                      + " VALUES (?, ?, ?, ?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setLong(1, accountId);
            insert.setString(2, username);
            insert.setString(3, passwordHash);
            insert.setString(4, role.name());
            Rows.setInstant(insert, 5, at);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              return new User(keys.getLong(1), accountId, username, role, at);
            }
          }
        });
  }

  /** The user with that name in the account, with its password hash. */
  public Optional<WithPassword> findWithPassword(long accountId, String username) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT * FROM users WHERE account_id = ? AND username = ?")) {
            select.setLong(1, accountId);
            select.setString(2, username);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next()
                  ? Optional.of(new WithPassword(map(rows), rows.getString("password_hash")))
                  : Optional.empty();
            }
          }
        });
  }

  /** The user with that name in the account. */
  public Optional<User> findByUsername(long accountId, String username) {
    return findWithPassword(accountId, username).map(WithPassword::user);
  }

  /** The user with that id. */
  public Optional<User> findById(long userId) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT * FROM users WHERE id = ?")) {
            select.setLong(1, userId);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
          }
        });
  }

  /** The account's users, by name. */
  public List<User> findByAccount(long accountId) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT * FROM users WHERE account_id = ? ORDER BY username")) {
            select.setLong(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
              List<User> users = new ArrayList<>();
              while (rows.next()) {
                users.add(map(rows));
              }
              return users;
            }
          }
        });
  }

  /** How many admins the account has. */
  public int countAdmins(long accountId) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM users WHERE account_id = ? AND role = 'admin'")) {
            select.setLong(1, accountId);
            try (ResultSet rows = select.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }

  /** Deletes a user (its sessions go with it). */
  public void delete(long userId) {
    database.withConnection(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM users WHERE id = ?")) {
            delete.setLong(1, userId);
            return delete.executeUpdate();
          }
        });
  }

  private static User map(ResultSet rows) throws SQLException {
    return new User(
        rows.getLong("id"),
        rows.getLong("account_id"),
        rows.getString("username"),
        Role.valueOf(rows.getString("role")),
        Rows.getInstant(rows, "created_at"));
  }
}
