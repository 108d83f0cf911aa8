package dev.keywarden.core.license;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.audit.AuditEvent;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.KeyService;
import dev.keywarden.core.store.Database;
import dev.keywarden.core.store.JdbcAuditLog;
import dev.keywarden.core.store.JdbcLicenseStore;
import dev.keywarden.verification.Scope;
import java.time.Clock;
import java.util.List;

/**
 * Licenses: created with their recoverable default key in one transaction, listed, and downloaded
 * as license files. Thread-safe; blocking.
 */
public final class LicenseService {
  private final Database database;
  private final JdbcLicenseStore licenses;
  private final KeyService keys;
  private final JdbcAuditLog audit;
  private final Clock clock;

  /** Wires the service. */
  public LicenseService(
      Database database,
      JdbcLicenseStore licenses,
      KeyService keys,
      JdbcAuditLog audit,
      Clock clock) {
    this.database = database;
    this.licenses = licenses;
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  /** A new license and its default key (whose token is shown this once). */
  public record Created(License license, CreatedKey defaultKey) {}

  /** Creates a license and its default key (administrators; keys need the Account scope). */
  public Created create(Caller caller, String name) {
    caller.requireScope(Scope.Account);
    caller.requireAdmin();
    caller.requireAccountBinding();
    String checked = checkName(name);
    return database.inTransaction(
        connection -> {
          License license;
          try {
            license = licenses.insert(caller.accountId(), checked, clock.instant());
          } catch (Database.UniqueViolation e) {
            throw KeywardenException.invalid(
                ErrorCode.DUPLICATE_NAME,
                "name",
                "A license named '" + checked + "' already exists");
          }
          CreatedKey defaultKey = keys.createDefaultKey(caller, license);
          audit.append(
              new AuditEvent(
                  caller.accountId(),
                  clock.instant(),
                  caller.actor(),
                  "license.create",
                  "license:" + license.id(),
                  caller.sourceIp(),
                  "name=" + checked));
          return new Created(license, defaultKey);
        });
  }

  /** The licenses the caller reaches (one, for a license-bound key). */
  public List<License> list(Caller caller) {
    return licenses.findByAccount(caller.accountId()).stream()
        .filter(license -> caller.binding().reaches(license.id()))
        .toList();
  }

  /** One license of the caller's account. */
  public License get(Caller caller, long licenseId) {
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

  /**
   * The license file of a license, with its default key's secret (administrators; keys need the
   * Account scope). Each download is audited.
   */
  public String licenseFile(Caller caller, long licenseId, String cloudHost) {
    caller.requireScope(Scope.Account);
    License license = get(caller, licenseId);
    caller.requireAdmin();
    CreatedKey key = keys.recoverDefaultKey(caller, licenseId);
    audit.append(
        new AuditEvent(
            caller.accountId(),
            clock.instant(),
            caller.actor(),
            "license.download",
            "license:" + licenseId,
            caller.sourceIp(),
            "key:" + key.key().accessId()));
    return LicenseFile.write(
        license, key.key().accessId(), key.secret(), cloudHost, clock.instant());
  }

  private static String checkName(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()
        || stripped.length() > 100
        || stripped.chars().anyMatch(Character::isISOControl)) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_NAME,
          "name",
          "name must be 1 to 100 characters, no control characters");
    }
    return stripped;
  }
}
