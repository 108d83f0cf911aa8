package dev.keywarden.core.store;

import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.SecretHash;
import dev.keywarden.core.key.StoredKey;
import dev.keywarden.core.store.JdbcAccountStore.Scopes;
import dev.keywarden.core.user.Role;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Binding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * API keys in SQL, and the change log every node listens to and polls. Every mutation here also
 * writes a row to {@code key_changes} in the caller's transaction (announced with {@code pg_notify}
 * on PostgreSQL). Thread-safe; blocking.
 */
public final class JdbcKeyStore {
  private static final String SELECT =
      "SELECT k.*, a.name AS account_name, u.username AS owner_username, u.role AS owner_role"
          + " FROM api_keys k JOIN accounts a ON a.id = k.account_id"
          + " LEFT JOIN users u ON u.id = k.owner_user_id ";

  private final Database database;
  private final String origin;

  /** A store on the database, its changes announced as coming from no particular node. */
  public JdbcKeyStore(Database database) {
    this(database, "-");
  }

  /** A store on the database whose change notices name {@code origin}, this node's id. */
  public JdbcKeyStore(Database database, String origin) {
    this.database = database;
    this.origin = origin;
  }

  /** Everything written for a new key. */
  public record NewRow(
      long accountId,
      Long ownerUserId,
      Long licenseId,
      String name,
      String description,
      String accessId,
      String secretHash,
      String encryptedSecret,
      String scopes,
      ApiVersion apiVersion,
      boolean isDefault,
      String allowedIps,
      Integer rateLimitPerMinute,
      Instant createdAt,
      String createdBy,
      Instant expiresAt) {
    @Override
    public String toString() {
      return "NewRow[" + accessId + "]";
    }
  }

  /** The name scope of a key: names are unique per owner, and per license for license keys. */
  public static String nameScope(Long ownerUserId, Long licenseId) {
    return ownerUserId != null ? "user:" + ownerUserId : "license:" + licenseId;
  }

  /** Inserts a key. */
  public void insert(NewRow row) {
    database.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO api_keys (account_id, owner_user_id, license_id, name_scope, name,"
                      + " description, access_id, secret_hash, encrypted_secret, scopes,"
                      + " api_version, is_default, enabled, allowed_ips, rate_limit_per_minute,"
                      + " created_at, created_by, expires_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?)",
                  Statement.NO_GENERATED_KEYS)) {
            insert.setLong(1, row.accountId());
            Rows.setLongOrNull(insert, 2, row.ownerUserId());
            Rows.setLongOrNull(insert, 3, row.licenseId());
            insert.setString(4, nameScope(row.ownerUserId(), row.licenseId()));
            insert.setString(5, row.name());
            insert.setString(6, row.description());
            insert.setString(7, row.accessId());
            insert.setString(8, row.secretHash());
            insert.setString(9, row.encryptedSecret());
            insert.setString(10, row.scopes());
            insert.setString(11, row.apiVersion().name());
            insert.setBoolean(12, row.isDefault());
            insert.setString(13, row.allowedIps());
            Rows.setIntOrNull(insert, 14, row.rateLimitPerMinute());
            Rows.setInstant(insert, 15, row.createdAt());
            insert.setString(16, row.createdBy());
            Rows.setInstant(insert, 17, row.expiresAt());
            insert.executeUpdate();
          }
          recordChange(connection, row.accessId());
          return null;
        });
  }

  /** The key with that access id, with its account and owner, in one query. */
  public Optional<StoredKey> findByAccessId(String accessId) {
    return findOne(SELECT + "WHERE k.access_id = ?", accessId);
  }

  /** The key with that name in a name scope of the account. */
  public Optional<StoredKey> findByName(long accountId, String nameScope, String name) {
    return findOne(
        SELECT + "WHERE k.account_id = ? AND k.name_scope = ? AND k.name = ?",
        accountId,
        nameScope,
        name);
  }

  /** A user's keys, by name. */
  public List<ApiKey> findByOwner(long ownerUserId) {
    return findMany(SELECT + "WHERE k.owner_user_id = ? ORDER BY k.name", ownerUserId);
  }

  /** A license's keys (the default key first, then by name). */
  public List<ApiKey> findByLicense(long accountId, long licenseId) {
    return findMany(
        SELECT
            + "WHERE k.account_id = ? AND k.license_id = ? AND k.owner_user_id IS NULL"
            + " ORDER BY k.is_default DESC, k.name",
        accountId,
        licenseId);
  }

  /** Every key of an account, by name. */
  public List<ApiKey> findByAccount(long accountId) {
    return findMany(SELECT + "WHERE k.account_id = ? ORDER BY k.name, k.id", accountId);
  }

  /** Replaces a key's secret, keeping the old hash until {@code previousValidUntil}. */
  public void updateSecret(
      long keyId,
      String accessId,
      String secretHash,
      String previousSecretHash,
      Instant previousValidUntil,
      String encryptedSecret,
      Instant expiresAt) {
    update(
        accessId,
        "UPDATE api_keys SET secret_hash = ?, previous_secret_hash = ?, previous_valid_until = ?,"
            + " encrypted_secret = ?, expires_at = ? WHERE id = ?",
        secretHash,
        previousSecretHash,
        previousValidUntil,
        encryptedSecret,
        expiresAt,
        keyId);
  }

  /** Enables or disables a key. */
  public void updateEnabled(long keyId, String accessId, boolean enabled) {
    update(accessId, "UPDATE api_keys SET enabled = ? WHERE id = ?", enabled, keyId);
  }

  /** Deletes a key. */
  public void delete(long keyId, String accessId) {
    update(accessId, "DELETE FROM api_keys WHERE id = ?", keyId);
  }

  /** Records a change to a key so that every node drops it from its cache. */
  public void touch(String accessId) {
    database.withConnection(
        connection -> {
          recordChange(connection, accessId);
          return null;
        });
  }

  /** One key's most recent use. */
  public record Use(String accessId, Instant at, String ip) {}

  /** Writes a batch of last uses in one transaction; an older use never overwrites a newer one. */
  public void recordUses(Collection<Use> uses) {
    if (uses.isEmpty()) {
      return;
    }
    database.inTransaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE api_keys SET last_used_at = ?, last_used_ip = ? WHERE access_id = ?"
                      + " AND (last_used_at IS NULL OR last_used_at < ?)")) {
            for (Use use : uses) {
              Rows.setInstant(update, 1, use.at());
              update.setString(2, use.ip());
              update.setString(3, use.accessId());
              Rows.setInstant(update, 4, use.at());
              update.addBatch();
            }
            update.executeBatch();
          }
          return null;
        });
  }

  /** A change seen in the change log. */
  public record Change(long id, String accessId, Instant changedAt) {}

  /** Changes at or after an instant of the database's clock, oldest first. */
  public List<Change> changesSince(Instant since) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, access_id, changed_at FROM key_changes WHERE changed_at >= ?"
                      + " ORDER BY id")) {
            Rows.setInstant(select, 1, since);
            try (ResultSet rows = select.executeQuery()) {
              List<Change> changes = new ArrayList<>();
              while (rows.next()) {
                changes.add(
                    new Change(
                        rows.getLong(1), rows.getString(2), Rows.getInstant(rows, "changed_at")));
              }
              return changes;
            }
          }
        });
  }

  /** The database's current time, the clock the change log is written with. */
  public Instant databaseNow() {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement("SELECT CURRENT_TIMESTAMP");
              ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
          }
        });
  }

  /** Deletes change-log rows older than an instant. */
  public int pruneChanges(Instant before) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM key_changes WHERE changed_at < ?")) {
            Rows.setInstant(delete, 1, before);
            return delete.executeUpdate();
          }
        });
  }

  /** The PostgreSQL channel every change is announced on, in the transaction that writes it. */
  public static final String CHANNEL = "keywarden_key_changes";

  private static final ThreadLocal<long[]> LAST_CHANGE = ThreadLocal.withInitial(() -> new long[1]);

  /**
   * The change-log id of the latest change this thread wrote since the last call, or 0; clears it.
   * An endpoint reads it after its operation committed, to answer the change's sequence number.
   */
  public static long takeLastChange() {
    long[] last = LAST_CHANGE.get();
    long id = last[0];
    last[0] = 0;
    return id;
  }

  /**
   * Writes a change-log row; on PostgreSQL also {@code pg_notify}s it in the same transaction, so
   * that every listening node hears of it the moment it commits. There the change is stamped with
   * the clock at this statement rather than the transaction's start, the closest the database tells
   * to its commit (the delay each node measures from it includes the rest of the transaction). The
   * notice reads {@code "<id> <changed at, epoch microseconds> <origin node> <access id>"}.
   */
  private void recordChange(Connection connection, String accessId) throws SQLException {
    long id;
    if (database.isPostgres()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "WITH c AS (INSERT INTO key_changes (access_id, changed_at) VALUES (?,"
                  + " clock_timestamp()) RETURNING id, changed_at)"
                  + " SELECT c.id, pg_notify('"
                  + CHANNEL
                  + "', c.id || ' ' || (EXTRACT(EPOCH FROM c.changed_at) * 1000000)::BIGINT"
                  + " || ' ' || ? || ' ' || ?) FROM c")) {
        insert.setString(1, accessId);
        insert.setString(2, origin);
        insert.setString(3, accessId);
        try (ResultSet rows = insert.executeQuery()) {
          rows.next();
          id = rows.getLong(1);
        }
      }
    } else {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO key_changes (access_id) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
        insert.setString(1, accessId);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          id = keys.next() ? keys.getLong(1) : 0;
        }
      }
    }
    LAST_CHANGE.get()[0] = id;
  }

  private void update(String accessId, String sql, Object... parameters) {
    database.withConnection(
        connection -> {
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            bind(update, parameters);
            update.executeUpdate();
          }
          recordChange(connection, accessId);
          return null;
        });
  }

  private Optional<StoredKey> findOne(String sql, Object... parameters) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(mapStored(rows)) : Optional.empty();
            }
          }
        });
  }

  private List<ApiKey> findMany(String sql, Object... parameters) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            bind(select, parameters);
            try (ResultSet rows = select.executeQuery()) {
              List<ApiKey> keys = new ArrayList<>();
              while (rows.next()) {
                keys.add(map(rows));
              }
              return keys;
            }
          }
        });
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i] instanceof Instant instant) {
        Rows.setInstant(statement, i + 1, instant);
      } else {
        statement.setObject(i + 1, parameters[i]);
      }
    }
  }

  private static StoredKey mapStored(ResultSet rows) throws SQLException {
    String ownerRole = rows.getString("owner_role");
    String previous = rows.getString("previous_secret_hash");
    return new StoredKey(
        map(rows),
        rows.getString("account_name"),
        ownerRole == null ? null : Role.valueOf(ownerRole),
        SecretHash.fromHex(rows.getString("secret_hash")),
        previous == null ? null : SecretHash.fromHex(previous),
        rows.getString("encrypted_secret"));
  }

  private static ApiKey map(ResultSet rows) throws SQLException {
    Long licenseId = Rows.getLongOrNull(rows, "license_id");
    String allowedIps = rows.getString("allowed_ips");
    return new ApiKey(
        rows.getLong("id"),
        rows.getLong("account_id"),
        rows.getString("access_id"),
        rows.getString("name"),
        rows.getString("description"),
        Rows.getLongOrNull(rows, "owner_user_id"),
        rows.getString("owner_username"),
        licenseId == null ? Binding.ACCOUNT : Binding.license(licenseId),
        Scopes.split(rows.getString("scopes")),
        ApiVersion.valueOf(rows.getString("api_version")),
        rows.getBoolean("is_default"),
        rows.getBoolean("enabled"),
        Rows.getInstant(rows, "created_at"),
        rows.getString("created_by"),
        Rows.getInstant(rows, "expires_at"),
        Rows.getInstant(rows, "last_used_at"),
        rows.getString("last_used_ip"),
        allowedIps == null || allowedIps.isBlank()
            ? List.of()
            : Arrays.asList(allowedIps.split(",")),
        Rows.getIntOrNull(rows, "rate_limit_per_minute"),
        Rows.getInstant(rows, "previous_valid_until"));
  }
}
