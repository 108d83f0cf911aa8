package dev.keywarden.core.key;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.audit.AuditEvent;
import dev.keywarden.core.crypto.SecretBox;
import dev.keywarden.core.license.License;
import dev.keywarden.core.store.Database;
import dev.keywarden.core.store.JdbcAccountStore;
import dev.keywarden.core.store.JdbcAuditLog;
import dev.keywarden.core.store.JdbcKeyStore;
import dev.keywarden.core.store.JdbcLicenseStore;
import dev.keywarden.core.store.JdbcUserStore;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Binding;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Every operation on API keys, with the rules of the product enforced in one place: names unique
 * per owner (per license for license keys), one to nine scopes the account allows and the caller
 * holds, expiry in the future and at most one year (or the account's lower maximum) after creation,
 * bindings within the caller's, the default key of a license undeletable, secrets shown once and
 * kept only as SHA-256 (recoverable default keys also sealed under the master key).
 *
 * <p>Each change is written with its audit event and change-log row in one transaction, then the
 * key is dropped from this process's verification cache. Thread-safe; blocking.
 */
public final class KeyService {
  /** The longest a regenerated key's previous secret may keep working. */
  public static final Duration MAX_GRACE_PERIOD = Duration.ofDays(7);

  /** The name of the default key every license gets. */
  public static final String DEFAULT_KEY_NAME = "default";

  /** The scopes of a license's default key. */
  public static final Set<Scope> DEFAULT_KEY_SCOPES = EnumSet.of(Scope.Tasks, Scope.Session);

  private final Database database;
  private final JdbcKeyStore keys;
  private final JdbcAccountStore accounts;
  private final JdbcUserStore users;
  private final JdbcLicenseStore licenses;
  private final JdbcAuditLog audit;
  private final SecretBox secretBox;
  private final TokenFormat tokens;
  private final Clock clock;
  private final Consumer<String> invalidate;

  /** Wires the service; {@code invalidate} drops a key from the local verification cache. */
  public KeyService(
      Database database,
      JdbcKeyStore keys,
      JdbcAccountStore accounts,
      JdbcUserStore users,
      JdbcLicenseStore licenses,
      JdbcAuditLog audit,
      SecretBox secretBox,
      TokenFormat tokens,
      Clock clock,
      Consumer<String> invalidate) {
    this.database = database;
    this.keys = keys;
    this.accounts = accounts;
    this.users = users;
    this.licenses = licenses;
    this.audit = audit;
    this.secretBox = secretBox;
    this.tokens = tokens;
    this.clock = clock;
    this.invalidate = invalidate;
  }

  /** The nine scopes, in their documented order. */
  public static List<Scope> scopes() {
    return List.of(Scope.values());
  }

  // ---- the caller's own keys ----

  /** The caller's own keys (active and disabled; expired ones included, marked by date). */
  public List<ApiKey> listOwn(Caller caller) {
    caller.requireScope(Scope.APIKey);
    return keys.findByOwner(currentUser(caller));
  }

  /** Creates a key owned by the caller. */
  public CreatedKey createOwn(Caller caller, NewKey request) {
    caller.requireScope(Scope.APIKey);
    return create(caller, currentUser(caller), request);
  }

  /** Deletes one of the caller's keys by name. */
  public void deleteOwn(Caller caller, String name) {
    caller.requireScope(Scope.APIKey);
    delete(caller, ownKey(caller, name));
  }

  /** Regenerates the secret of one of the caller's keys. */
  public CreatedKey regenerateOwn(Caller caller, String name, Duration gracePeriod) {
    caller.requireScope(Scope.APIKey);
    return regenerate(caller, ownKey(caller, name), gracePeriod);
  }

  /** Enables or disables one of the caller's keys. */
  public ApiKey setEnabledOwn(Caller caller, String name, boolean enabled) {
    caller.requireScope(Scope.APIKey);
    return setEnabled(caller, ownKey(caller, name), enabled);
  }

  // ---- any user's keys, for administrators ----

  /** Every key of the account (administrators). */
  public List<ApiKey> listAccount(Caller caller) {
    caller.requireScope(Scope.APIKey);
    caller.requireAdmin();
    caller.requireAccountBinding();
    return keys.findByAccount(caller.accountId());
  }

  /** Creates a key owned by another user of the account (administrators and operators). */
  public CreatedKey createForUser(Caller caller, String username, NewKey request) {
    caller.requireScope(Scope.APIKey);
    caller.requireAdmin();
    User owner = userNamed(caller, username);
    return create(caller, owner.id(), request);
  }

  /** Deletes a key of another user of the account (administrators and operators). */
  public void deleteForUser(Caller caller, String username, String name) {
    caller.requireScope(Scope.APIKey);
    caller.requireAdmin();
    User owner = userNamed(caller, username);
    delete(caller, userKey(caller, owner.id(), name));
  }

  // ---- license keys ----

  /** A license's keys, the default key first. */
  public List<ApiKey> listForLicense(Caller caller, long licenseId) {
    caller.requireScope(Scope.APIKey);
    license(caller, licenseId);
    return keys.findByLicense(caller.accountId(), licenseId);
  }

  /** Adds a key to a license (administrators). */
  public CreatedKey createForLicense(Caller caller, long licenseId, NewKey request) {
    caller.requireScope(Scope.APIKey);
    caller.requireAdmin();
    license(caller, licenseId);
    return insert(caller, null, request.withBinding(Binding.license(licenseId)), false);
  }

  /** Deletes a license key; the default key answers {@link ErrorCode#DEFAULT_KEY_UNDELETABLE}. */
  public void deleteForLicense(Caller caller, long licenseId, String name) {
    caller.requireScope(Scope.APIKey);
    caller.requireAdmin();
    delete(caller, licenseKey(caller, licenseId, name));
  }

  /** Regenerates a license key's secret; the default key's stays recoverable. */
  public CreatedKey regenerateForLicense(
      Caller caller, long licenseId, String name, Duration gracePeriod) {
    caller.requireScope(Scope.APIKey);
    caller.requireAdmin();
    return regenerate(caller, licenseKey(caller, licenseId, name), gracePeriod);
  }

  /** Enables or disables a license key. */
  public ApiKey setEnabledForLicense(Caller caller, long licenseId, String name, boolean enabled) {
    caller.requireScope(Scope.APIKey);
    caller.requireAdmin();
    return setEnabled(caller, licenseKey(caller, licenseId, name), enabled);
  }

  /**
   * Creates a license's default key: recoverable, scopes {@code Tasks} and {@code Session}. Runs in
   * the caller's transaction (the license service creates the license and this key together).
   */
  public CreatedKey createDefaultKey(Caller caller, License license) {
    NewKey request =
        NewKey.of(DEFAULT_KEY_NAME, DEFAULT_KEY_SCOPES).withBinding(Binding.license(license.id()));
    return insert(caller, null, request, true);
  }

  /** The secret of a license's default key, decrypted, for its license file. */
  public CreatedKey recoverDefaultKey(Caller caller, long licenseId) {
    StoredKey stored = licenseKey(caller, licenseId, DEFAULT_KEY_NAME);
    if (stored.encryptedSecret() == null) {
      throw KeywardenException.of(
          ErrorCode.KEY_NOT_RECOVERABLE, "This license's default key cannot be recovered");
    }
    String secret = secretBox.open(stored.encryptedSecret(), stored.key().accessId());
    return new CreatedKey(
        stored.key(), TokenFormat.format(stored.key().accessId(), secret), secret);
  }

  // ---- legacy keys ----

  /**
   * Imports a legacy {@code v1} key with its existing access id and secret (operators only). It
   * works only on the legacy API and can be deleted once its users have migrated.
   */
  public ApiKey importLegacy(
      Caller caller, String username, String name, String accessId, String secret, NewKey request) {
    if (caller.kind() != Caller.Kind.OPERATOR) {
      throw KeywardenException.of(ErrorCode.ADMIN_REQUIRED, "Only operators import legacy keys");
    }
    if (accessId == null || !accessId.matches("[A-Za-z0-9_-]{8,64}")) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_INPUT, "access_id", "access_id must be 8 to 64 letters or digits");
    }
    if (secret == null || secret.length() < 16 || secret.length() > 128) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_INPUT, "secret", "secret must be 16 to 128 characters");
    }
    User owner = userNamed(caller, username);
    NewKey named = new NewKey(name, request.scopes(), request.expiresAt(), null, null, null, null);
    ApiKey imported =
        database.inTransaction(
            connection -> {
              Account account = account(caller);
              Validated valid = validate(caller, account, named, true);
              JdbcKeyStore.NewRow row =
                  new JdbcKeyStore.NewRow(
                      caller.accountId(),
                      owner.id(),
                      null,
                      valid.name(),
                      null,
                      accessId,
                      SecretHash.hex(secret),
                      null,
                      join(valid.scopes()),
                      ApiVersion.v1,
                      false,
                      null,
                      null,
                      clock.instant(),
                      caller.actor(),
                      valid.expiresAt());
              insertRow(row, "access_id");
              record(caller, "key.import", "key:" + accessId, "name=" + valid.name());
              return keys.findByAccessId(accessId).orElseThrow().key();
            });
    invalidate.accept(accessId);
    return imported;
  }

  // ---- the rules ----

  private CreatedKey create(Caller caller, long ownerUserId, NewKey request) {
    Binding binding = request.binding() == null ? Binding.ACCOUNT : request.binding();
    if (binding.licenseId() != null) {
      license(caller, binding.licenseId());
    } else {
      caller.requireAccountBinding();
    }
    return insert(caller, ownerUserId, request.withBinding(binding), false);
  }

  private CreatedKey insert(Caller caller, Long ownerUserId, NewKey request, boolean recoverable) {
    CreatedKey created =
        database.inTransaction(
            connection -> {
              Account account = account(caller);
              Validated valid = validate(caller, account, request, !recoverable);
              String accessId = tokens.newAccessId();
              String secret = tokens.newSecret();
              Instant now = clock.instant();
              JdbcKeyStore.NewRow row =
                  new JdbcKeyStore.NewRow(
                      caller.accountId(),
                      ownerUserId,
                      request.binding().licenseId(),
                      valid.name(),
                      blankToNull(request.description()),
                      accessId,
                      SecretHash.hex(secret),
                      recoverable ? secretBox.seal(secret, accessId) : null,
                      join(valid.scopes()),
                      ApiVersion.v2,
                      recoverable,
                      valid.allowedIps(),
                      valid.rateLimitPerMinute(),
                      now,
                      caller.actor(),
                      valid.expiresAt());
              insertRow(row, "name");
              record(
                  caller, "key.create", describe(accessId, valid.name(), request.binding()), null);
              ApiKey key = keys.findByAccessId(accessId).orElseThrow().key();
              return new CreatedKey(key, TokenFormat.format(accessId, secret), secret);
            });
    // The new access id may be cached as absent; the change log drops it on every other node.
    invalidate.accept(created.key().accessId());
    return created;
  }

  private void insertRow(JdbcKeyStore.NewRow row, String conflictField) {
    try {
      keys.insert(row);
    } catch (Database.UniqueViolation e) {
      throw KeywardenException.invalid(
          ErrorCode.DUPLICATE_NAME,
          conflictField,
          conflictField.equals("name")
              ? "A key named '" + row.name() + "' already exists"
              : "A key with this access id already exists");
    }
  }

  private void delete(Caller caller, StoredKey stored) {
    ApiKey key = stored.key();
    if (key.isDefault()) {
      throw KeywardenException.of(
          ErrorCode.DEFAULT_KEY_UNDELETABLE, "The default key of a license cannot be deleted");
    }
    database.inTransaction(
        connection -> {
          keys.delete(key.id(), key.accessId());
          record(caller, "key.delete", describe(key.accessId(), key.name(), key.binding()), null);
          return null;
        });
    invalidate.accept(key.accessId());
  }

  private CreatedKey regenerate(Caller caller, StoredKey stored, Duration gracePeriod) {
    ApiKey key = stored.key();
    Duration grace = gracePeriod == null ? Duration.ZERO : gracePeriod;
    if (grace.isNegative() || grace.compareTo(MAX_GRACE_PERIOD) > 0) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_GRACE_PERIOD,
          "grace_period_seconds",
          "grace_period_seconds must be between 0 and " + MAX_GRACE_PERIOD.toSeconds());
    }
    if (key.apiVersion() == ApiVersion.v1) {
      throw KeywardenException.of(
          ErrorCode.LEGACY_KEY_NOT_ALLOWED,
          "Legacy v1 keys cannot be regenerated: create a v2 key instead");
    }
    String secret = tokens.newSecret();
    Instant now = clock.instant();
    // A license's default key is renewed for the longest the account allows, so that its
    // license file keeps working; any other key keeps its expiry.
    Instant expiresAt =
        key.isDefault() ? account(caller).policy().latestExpiry(now) : key.expiresAt();
    database.inTransaction(
        connection -> {
          keys.updateSecret(
              key.id(),
              key.accessId(),
              SecretHash.hex(secret),
              grace.isZero() ? null : java.util.HexFormat.of().formatHex(stored.secretHash()),
              grace.isZero() ? null : now.plus(grace),
              stored.encryptedSecret() == null ? null : secretBox.seal(secret, key.accessId()),
              expiresAt);
          record(
              caller,
              "key.regenerate",
              describe(key.accessId(), key.name(), key.binding()),
              "grace_period_seconds=" + grace.toSeconds());
          return null;
        });
    invalidate.accept(key.accessId());
    ApiKey updated = keys.findByAccessId(key.accessId()).orElseThrow().key();
    return new CreatedKey(updated, TokenFormat.format(key.accessId(), secret), secret);
  }

  private ApiKey setEnabled(Caller caller, StoredKey stored, boolean enabled) {
    ApiKey key = stored.key();
    database.inTransaction(
        connection -> {
          keys.updateEnabled(key.id(), key.accessId(), enabled);
          record(
              caller,
              enabled ? "key.enable" : "key.disable",
              describe(key.accessId(), key.name(), key.binding()),
              null);
          return null;
        });
    invalidate.accept(key.accessId());
    return keys.findByAccessId(key.accessId()).orElseThrow().key();
  }

  private record Validated(
      String name,
      Set<Scope> scopes,
      Instant expiresAt,
      String allowedIps,
      Integer rateLimitPerMinute) {}

  /**
   * Checks a request against the rules. {@code grantedByCaller} is false only for a license's
   * default key, whose scopes the product grants, not the caller.
   */
  private Validated validate(
      Caller caller, Account account, NewKey request, boolean grantedByCaller) {
    String name = KeyNames.check(request.name());
    Set<Scope> scopes = request.scopes() == null ? Set.of() : request.scopes();
    if (scopes.isEmpty()) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_SCOPES, "scopes", "A key needs at least one scope");
    }
    for (Scope scope : scopes) {
      if (!account.policy().allows(scope)) {
        throw KeywardenException.invalid(
            ErrorCode.INVALID_SCOPES,
            "scopes",
            "This account does not allow the " + scope + " scope");
      }
      if (grantedByCaller && !caller.scopes().contains(scope)) {
        throw KeywardenException.of(
            ErrorCode.INSUFFICIENT_SCOPE,
            "A key cannot grant the " + scope + " scope it does not hold itself");
      }
    }
    Instant now = clock.instant();
    Instant latest = account.policy().latestExpiry(now);
    Instant expiresAt = request.expiresAt() == null ? latest : request.expiresAt();
    if (!expiresAt.isAfter(now)) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_EXPIRATION, "expiration_date", "expiration_date must be in the future");
    }
    if (expiresAt.isAfter(latest)) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_EXPIRATION,
          "expiration_date",
          "expiration_date must be at most "
              + (account.policy().maxKeyLifetimeDays() == null
                  ? "one year"
                  : account.policy().maxKeyLifetimeDays() + " days")
              + " after creation");
    }
    List<String> ips = request.allowedIps() == null ? List.of() : request.allowedIps();
    String allowedIps =
        ips.isEmpty()
            ? null
            : ips.stream()
                .map(ip -> KeyInputs.ipRange(ip, "allowed_ips").text())
                .collect(Collectors.joining(","));
    if (allowedIps != null && allowedIps.length() > 500) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_IP_RANGE,
          "allowed_ips",
          "allowed_ips must list at most 500 characters in all");
    }
    Integer rateLimit = request.rateLimitPerMinute();
    if (rateLimit != null && (rateLimit < 1 || rateLimit > 1_000_000)) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_INPUT,
          "rate_limit_per_minute",
          "rate_limit_per_minute must be between 1 and 1000000");
    }
    return new Validated(name, EnumSet.copyOf(scopes), expiresAt, allowedIps, rateLimit);
  }

  // ---- look-ups that never reveal another account's objects ----

  private long currentUser(Caller caller) {
    if (caller.userId() == null) {
      throw KeywardenException.of(
          ErrorCode.NO_CURRENT_USER, "This credential does not belong to a user");
    }
    return caller.userId();
  }

  private StoredKey ownKey(Caller caller, String name) {
    return userKey(caller, currentUser(caller), name);
  }

  private StoredKey userKey(Caller caller, long userId, String name) {
    return keys.findByName(caller.accountId(), JdbcKeyStore.nameScope(userId, null), name)
        .orElseThrow(() -> notFound(name));
  }

  private StoredKey licenseKey(Caller caller, long licenseId, String name) {
    license(caller, licenseId);
    return keys.findByName(caller.accountId(), JdbcKeyStore.nameScope(null, licenseId), name)
        .orElseThrow(() -> notFound(name));
  }

  private License license(Caller caller, long licenseId) {
    License license =
        licenses
            .find(caller.accountId(), licenseId)
            .orElseThrow(
                () ->
                    KeywardenException.of(
                        ErrorCode.LICENSE_NOT_FOUND, "No license " + licenseId + " here"));
    caller.requireLicense(licenseId);
    return license;
  }

  private User userNamed(Caller caller, String username) {
    return users
        .findByUsername(caller.accountId(), username == null ? "" : username)
        .orElseThrow(
            () -> KeywardenException.of(ErrorCode.USER_NOT_FOUND, "No user '" + username + "'"));
  }

  private Account account(Caller caller) {
    return accounts
        .findById(caller.accountId())
        .orElseThrow(() -> KeywardenException.of(ErrorCode.ACCOUNT_NOT_FOUND, "No such account"));
  }

  private static KeywardenException notFound(String name) {
    return KeywardenException.of(ErrorCode.KEY_NOT_FOUND, "No key named '" + name + "'");
  }

  private void record(Caller caller, String action, String target, String detail) {
    audit.append(
        new AuditEvent(
            caller.accountId(),
            clock.instant(),
            caller.actor(),
            action,
            target,
            caller.sourceIp(),
            detail));
  }

  private static String describe(String accessId, String name, Binding binding) {
    return "key:" + accessId + " name=" + name + " binding=" + binding.text();
  }

  private static String join(Set<Scope> scopes) {
    return EnumSet.copyOf(scopes).stream().map(Scope::name).collect(Collectors.joining(","));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
