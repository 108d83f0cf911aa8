package dev.keywarden.core;

import dev.keywarden.core.account.AccountService;
import dev.keywarden.core.audit.AuditService;
import dev.keywarden.core.crypto.MasterKey;
import dev.keywarden.core.crypto.SecretBox;
import dev.keywarden.core.key.KeyService;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.core.store.Database;
import dev.keywarden.core.store.JdbcAccountStore;
import dev.keywarden.core.store.JdbcAuditLog;
import dev.keywarden.core.store.JdbcKeyStore;
import dev.keywarden.core.store.JdbcLicenseStore;
import dev.keywarden.core.store.JdbcSessionStore;
import dev.keywarden.core.store.JdbcUserStore;
import dev.keywarden.core.user.PasswordHasher;
import dev.keywarden.core.user.SessionService;
import dev.keywarden.core.user.UserService;
import dev.keywarden.core.verify.KeyChangeFeed;
import dev.keywarden.core.verify.LastUseRecorder;
import dev.keywarden.core.verify.Verifier;
import dev.keywarden.verification.TokenFormat;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one Keywarden node, built by hand in plain sight: the database, the stores, the
 * services over them and the verifier, with the two background jobs that keep the verifier right
 * (the change-log poll) and cheap (last use written behind). Close it to stop them and flush what
 * is pending. Thread-safe.
 */
public final class Keywarden implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Keywarden.class);

  private final StoreConfig config;
  private final Database database;
  private final Verifier verifier;
  private final LastUseRecorder lastUse;
  private final KeyChangeFeed changeFeed;
  private final KeyService keys;
  private final LicenseService licenses;
  private final UserService users;
  private final AccountService accounts;
  private final SessionService sessions;
  private final AuditService audit;
  private final JdbcKeyStore keyStore;
  private ScheduledExecutorService scheduler;

  private Keywarden(StoreConfig config) {
    this.config = config;
    this.database =
        config.jdbcUrl() == null
            ? Database.embedded(config.dataDir())
            : Database.open(
                config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.poolSize());
    MasterKey masterKey =
        config.masterKey() != null ? config.masterKey() : MasterKey.inDataFolder(config.dataDir());
    var accountStore = new JdbcAccountStore(database);
    var userStore = new JdbcUserStore(database);
    var licenseStore = new JdbcLicenseStore(database);
    var auditLog = new JdbcAuditLog(database);
    this.keyStore = new JdbcKeyStore(database);
    this.lastUse = new LastUseRecorder(keyStore);
    this.verifier = new Verifier(keyStore, lastUse, config.clock(), 2_000_000);
    this.changeFeed = new KeyChangeFeed(keyStore, verifier::invalidate);
    this.keys =
        new KeyService(
            database,
            keyStore,
            accountStore,
            userStore,
            licenseStore,
            auditLog,
            new SecretBox(masterKey),
            new TokenFormat(),
            config.clock(),
            verifier::invalidate);
    this.users =
        new UserService(
            database,
            userStore,
            keyStore,
            auditLog,
            new PasswordHasher(),
            config.clock(),
            verifier::invalidate);
    this.licenses = new LicenseService(database, licenseStore, keys, auditLog, config.clock());
    this.accounts = new AccountService(database, accountStore, users, auditLog, config.clock());
    this.sessions = new SessionService(new JdbcSessionStore(database), userStore, config.clock());
    this.audit = new AuditService(auditLog);
  }

  /**
   * Opens the store (migrating its schema) without background jobs: for one-shot commands. Use
   * {@link #start()} for a serving node.
   */
  public static Keywarden open(StoreConfig config) {
    if (config.jdbcUrl() != null && config.masterKey() == null) {
      throw new IllegalArgumentException(
          "A database URL needs the master key in " + MasterKey.ENVIRONMENT_VARIABLE);
    }
    return new Keywarden(config);
  }

  /** Starts the change-log poll and the last-use flush; returns this. */
  public synchronized Keywarden start() {
    if (scheduler != null) {
      return this;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "keywarden-background");
              thread.setDaemon(true);
              return thread;
            });
    changeFeed.poll();
    schedule(changeFeed::poll, config.changePollInterval(), "change-log poll");
    schedule(lastUse::flush, config.lastUseFlushInterval(), "last-use flush");
    schedule(
        () -> keyStore.pruneChanges(config.clock().instant().minus(Duration.ofHours(1))),
        Duration.ofMinutes(5),
        "change-log prune");
    return this;
  }

  private void schedule(Runnable job, Duration every, String name) {
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            job.run();
          } catch (RuntimeException e) {
            log.warn("Background job '{}' failed; it will run again: {}", name, e.toString());
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The clock every service and the verifier read. */
  public java.time.Clock clock() {
    return config.clock();
  }

  /** The database. */
  public Database database() {
    return database;
  }

  /** The verifier. */
  public Verifier verifier() {
    return verifier;
  }

  /** API keys. */
  public KeyService keys() {
    return keys;
  }

  /** Licenses. */
  public LicenseService licenses() {
    return licenses;
  }

  /** Users. */
  public UserService users() {
    return users;
  }

  /** Accounts and policies. */
  public AccountService accounts() {
    return accounts;
  }

  /** Portal sessions. */
  public SessionService sessions() {
    return sessions;
  }

  /** The audit trail. */
  public AuditService audit() {
    return audit;
  }

  /** Writes pending last uses now (blocking). */
  public int flushLastUse() {
    return lastUse.flush();
  }

  /** Reads the change log now (blocking); returns how many new changes it applied. */
  public int pollChanges() {
    return changeFeed.poll();
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      lastUse.flush();
    } catch (RuntimeException e) {
      log.warn("Last uses could not be written at shutdown: {}", e.toString());
    }
    database.close();
  }
}
