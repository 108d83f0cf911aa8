package dev.keywarden.core;

import dev.keywarden.core.crypto.MasterKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Keywarden keeps its data and how its background work runs. Immutable; build with the static
 * factories and {@code with*} methods.
 *
 * @param dataDir the embedded database folder, used when {@code jdbcUrl} is null
 * @param jdbcUrl a PostgreSQL (or H2) JDBC URL, or {@code null} for the embedded database
 * @param masterKey the master key, or {@code null} to use (or create) the one in {@code dataDir}
 */
public record StoreConfig(
    Path dataDir,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    MasterKey masterKey,
    Clock clock,
    Duration changePollInterval,
    Duration lastUseFlushInterval,
    int poolSize) {

  /** Checks the required parts. */
  public StoreConfig {
    Objects.requireNonNull(clock, "null clock");
    Objects.requireNonNull(changePollInterval, "null changePollInterval");
    Objects.requireNonNull(lastUseFlushInterval, "null lastUseFlushInterval");
    if (jdbcUrl == null) {
      Objects.requireNonNull(dataDir, "null dataDir");
    }
  }

  /** The embedded database in a folder. */
  public static StoreConfig embedded(Path dataDir) {
    return new StoreConfig(
        dataDir,
        null,
        null,
        null,
        null,
        Clock.systemUTC(),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        8);
  }

  /** A database by JDBC URL; the master key must be given. */
  public static StoreConfig jdbc(String url, String user, String password, MasterKey masterKey) {
    return new StoreConfig(
        null,
        url,
        user,
        password,
        masterKey,
        Clock.systemUTC(),
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        16);
  }

  /** This config with another clock. */
  public StoreConfig withClock(Clock other) {
    return new StoreConfig(
        dataDir,
        jdbcUrl,
        dbUser,
        dbPassword,
        masterKey,
        other,
        changePollInterval,
        lastUseFlushInterval,
        poolSize);
  }

  /** This config with another master key. */
  public StoreConfig withMasterKey(MasterKey other) {
    return new StoreConfig(
        dataDir,
        jdbcUrl,
        dbUser,
        dbPassword,
        other,
        clock,
        changePollInterval,
        lastUseFlushInterval,
        poolSize);
  }

  /** This config with other background intervals. */
  public StoreConfig withIntervals(Duration changePoll, Duration lastUseFlush) {
    return new StoreConfig(
        dataDir, jdbcUrl, dbUser, dbPassword, masterKey, clock, changePoll, lastUseFlush, poolSize);
  }

  @Override
  public String toString() {
    return "StoreConfig[" + (jdbcUrl == null ? "embedded " + dataDir : jdbcUrl) + "]";
  }
}
