package dev.keywarden.core.verify;

import dev.keywarden.core.store.JdbcKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries key changes made on other nodes into this node's cache: each {@link #poll()} reads the
 * change log and invalidates every access id it has not seen yet.
 *
 * <p>Why an overlap: change-log ids and timestamps are assigned when a transaction writes, not when
 * it commits, so a change may become visible after later ones. Each poll therefore re-reads the
 * last {@link #OVERLAP} of the log (by the database's clock) and skips the ids it has already
 * handled. Not thread-safe: one scheduler thread polls.
 */
public final class KeyChangeFeed {
  /** How far back each poll re-reads; longer than any key-changing transaction. */
  static final Duration OVERLAP = Duration.ofSeconds(10);

  private final JdbcKeyStore keys;
  private final Consumer<String> invalidate;
  private final Map<Long, Instant> seen = new HashMap<>();
  private Instant readFrom;

  /** A feed from the key store into {@code invalidate}. */
  public KeyChangeFeed(JdbcKeyStore keys, Consumer<String> invalidate) {
    this.keys = keys;
    this.invalidate = invalidate;
  }

  /** Reads new changes and invalidates their keys; returns how many were new. Blocking. */
  public int poll() {
    if (readFrom == null) {
      // Start from now: a fresh cache holds nothing older.
      readFrom = keys.databaseNow().minus(OVERLAP);
    }
    List<JdbcKeyStore.Change> changes = keys.changesSince(readFrom);
    int fresh = 0;
    Instant newest = readFrom.plus(OVERLAP);
    for (JdbcKeyStore.Change change : changes) {
      if (seen.putIfAbsent(change.id(), change.changedAt()) == null) {
        invalidate.accept(change.accessId());
        fresh++;
      }
      if (change.changedAt().isAfter(newest)) {
        newest = change.changedAt();
      }
    }
    readFrom = newest.minus(OVERLAP);
    Instant horizon = readFrom;
    seen.values().removeIf(at -> at.isBefore(horizon));
    return fresh;
  }
}
