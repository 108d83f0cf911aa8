package dev.keywarden.core.store;

import dev.keywarden.core.account.Account;
import dev.keywarden.core.account.AccountPolicy;
import dev.keywarden.verification.Scope;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Accounts and their policies in SQL. Thread-safe; blocking. */
public final class JdbcAccountStore {
  private final Database database;

  /** A store on the database. */
  public JdbcAccountStore(Database database) {
    this.database = database;
  }

  /** Inserts an account with the default policy. */
  public Account insert(String name, Instant createdAt) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO accounts (name, created_at) VALUES (?, ?)",
                  Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, name);
            Rows.setInstant(insert, 2, createdAt);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              return new Account(keys.getLong(1), name, AccountPolicy.DEFAULT, createdAt);
            }
          }
        });
  }

  /** The account with that name. */
  public Optional<Account> findByName(String name) {
    return findOne("SELECT * FROM accounts WHERE name = ?", name);
  }

  /** The account with that id. */
  public Optional<Account> findById(long id) {
    return findOne("SELECT * FROM accounts WHERE id = ?", id);
  }

  /** Every account, by name. */
  public List<Account> findAll() {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT * FROM accounts ORDER BY name");
              ResultSet rows = select.executeQuery()) {
            List<Account> accounts = new ArrayList<>();
            while (rows.next()) {
              accounts.add(map(rows));
            }
            return accounts;
          }
        });
  }

  /** Replaces an account's policy. */
  public void updatePolicy(long accountId, AccountPolicy policy) {
    database.withConnection(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE accounts SET max_key_lifetime_days = ?, allowed_scopes = ? WHERE id = ?")) {
            Rows.setIntOrNull(update, 1, policy.maxKeyLifetimeDays());
            update.setString(
                2, policy.allowedScopes().isEmpty() ? null : Scopes.join(policy.allowedScopes()));
            update.setLong(3, accountId);
            return update.executeUpdate();
          }
        });
  }

  private Optional<Account> findOne(String sql, Object parameter) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(map(rows)) : Optional.empty();
            }
          }
        });
  }

  private static Account map(ResultSet rows) throws SQLException {
    AccountPolicy policy =
        new AccountPolicy(
            Rows.getIntOrNull(rows, "max_key_lifetime_days"),
            Scopes.split(rows.getString("allowed_scopes")));
    return new Account(
        rows.getLong("id"), rows.getString("name"), policy, Rows.getInstant(rows, "created_at"));
  }

  /** The stored form of a scope set: identifiers joined by commas. */
  static final class Scopes {
    private Scopes() {}

    static String join(Set<Scope> scopes) {
      return EnumSet.copyOf(scopes).stream().map(Scope::name).collect(Collectors.joining(","));
    }

    static Set<Scope> split(String text) {
      EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
      if (text != null && !text.isBlank()) {
        for (String part : text.split(",")) {
          scopes.add(Scope.valueOf(part));
        }
      }
      return scopes;
    }
  }
}
