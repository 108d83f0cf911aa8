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
import dev.keywarden.core.store.JdbcNodeStore;
import dev.keywarden.core.store.JdbcSessionStore;
import dev.keywarden.core.store.JdbcUserStore;
import dev.keywarden.core.user.PasswordHasher;
import dev.keywarden.core.user.SessionService;
import dev.keywarden.core.user.UserService;
import dev.keywarden.core.verify.ChangeNotices;
import dev.keywarden.core.verify.KeyChangeFeed;
import dev.keywarden.core.verify.LastUseRecorder;
import dev.keywarden.core.verify.Verifier;
import dev.keywarden.verification.TokenFormat;
import java.net.InetAddress;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one Keywarden node, built by hand in plain sight: the database, the stores, the
 * services over them and the verifier, with the background jobs that keep the verifier right (on
 * PostgreSQL the change notices, {@link ChangeNotices}, with the change-log poll as a backstop
 * every {@link #BACKSTOP_POLL}; on the embedded database the poll alone) and cheap (last use
 * written behind), and the change-log prune. Each job has a thread of its own, so a long last-use
 * flush never delays a revocation. Close it to stop them and flush what is pending. Thread-safe.
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
  private final JdbcNodeStore nodes;
  private final String nodeId = UUID.randomUUID().toString();
  private final List<ScheduledExecutorService> jobs = new ArrayList<>();
  private ChangeNotices notices;
  private boolean started;

  /** How often a PostgreSQL node polls the change log for notices it missed. */
  public static final Duration BACKSTOP_POLL = Duration.ofSeconds(1);

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
    this.keyStore = new JdbcKeyStore(database, nodeId);
    this.nodes = new JdbcNodeStore(database);
    this.lastUse = new LastUseRecorder(keyStore);
    this.verifier = new Verifier(keyStore, lastUse, config.clock(), 2_000_000);
    this.changeFeed = new KeyChangeFeed(keyStore, verifier::invalidate, database.isPostgres());
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

  /**
   * Starts the background jobs (change notices on PostgreSQL, the change-log poll, the last-use
   * flush and the prune), each on a thread of its own; returns this.
   */
  public synchronized Keywarden start() {
    if (started) {
      return this;
    }
    started = true;
    changeFeed.poll();
    Duration poll = config.changePollInterval();
    if (database.isPostgres()) {
      notices = new ChangeNotices(this::noticeConnection, changeFeed, nodeId, hostName());
      notices.start();
      poll = poll.compareTo(BACKSTOP_POLL) > 0 ? poll : BACKSTOP_POLL;
    }
    schedule(changeFeed::poll, poll, "change-log poll");
    schedule(lastUse::flush, config.lastUseFlushInterval(), "last-use flush");
    schedule(
        () -> {
          keyStore.pruneChanges(config.clock().instant().minus(Duration.ofHours(1)));
          if (database.isPostgres()) {
            nodes.prune(config.clock().instant().minus(Duration.ofHours(1)));
          }
        },
        Duration.ofMinutes(5),
        "change-log prune");
    return this;
  }

  private java.sql.Connection noticeConnection() throws java.sql.SQLException {
    Properties properties = new Properties();
    if (config.dbUser() != null) {
      properties.setProperty("user", config.dbUser());
    }
    if (config.dbPassword() != null) {
      properties.setProperty("password", config.dbPassword());
    }
    properties.setProperty("ApplicationName", "keywarden-notices");
    properties.setProperty("socketTimeout", "15");
    properties.setProperty("connectTimeout", "10");
    return DriverManager.getConnection(config.jdbcUrl(), properties);
  }

  private static String hostName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown";
    }
    return host + "/" + ProcessHandle.current().pid();
  }

  private void schedule(Runnable job, Duration every, String name) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "keywarden-" + name.replace(' ', '-'));
              thread.setDaemon(true);
              return thread;
            });
    jobs.add(executor);
    executor.scheduleWithFixedDelay(
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

  /** This node's id in the cluster registry (random per start). */
  public String nodeId() {
    return nodeId;
  }

  /** Tells {@code hook} the delay of every change this node's cache applies from other nodes. */
  public void onChangeApplied(KeyChangeFeed.AppliedHook hook) {
    changeFeed.onApplied(hook);
  }

  /** The answer to a wait for a change to reach every node. */
  public record Applied(boolean everywhere, List<String> lagging) {}

  /**
   * Waits (blocking, up to {@code timeout}) until every live node has applied every change this
   * thread's caller committed before the call. Immediate on the embedded database (one node, whose
   * cache dropped the key as it changed it).
   */
  public Applied awaitApplied(Duration timeout) {
    if (!database.isPostgres()) {
      return new Applied(true, List.of());
    }
    long giveUp = System.nanoTime() + timeout.toNanos();
    java.time.Instant through = nodes.syncPoint();
    while (true) {
      List<String> lagging = nodes.lagging(through);
      if (lagging.isEmpty()) {
        return new Applied(true, lagging);
      }
      if (System.nanoTime() - giveUp > 0) {
        return new Applied(false, lagging);
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Applied(false, lagging);
      }
    }
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
    if (notices != null) {
      notices.close();
      try {
        nodes.remove(nodeId);
      } catch (RuntimeException e) {
        log.warn("This node could not leave the cluster registry: {}", e.toString());
      }
    }
    for (ScheduledExecutorService executor : jobs) {
      executor.shutdown();
    }
    for (ScheduledExecutorService executor : jobs) {
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
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
