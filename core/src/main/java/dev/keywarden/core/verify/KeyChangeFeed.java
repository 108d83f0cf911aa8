package dev.keywarden.core.verify;

import dev.keywarden.core.store.JdbcKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Carries key changes made on other nodes into this node's cache: {@link #apply} takes one change
 * as its PostgreSQL notice arrives ({@link ChangeNotices}), and each {@link #poll()} reads the
 * change log as a backstop for notices missed, invalidating every access id not seen yet. Each
 * change is applied once, whichever way it comes first.
 *
 * <p>Why an overlap: change-log ids and timestamps are assigned when a transaction writes, not when
 * it commits, so a change may become visible after later ones. Each poll therefore re-reads the
 * last {@link #OVERLAP} of the log (by the database's clock) and skips the ids it has already
 * handled.
 *
 * <p>Measured: for every change it applies, the feed reports to its {@link AppliedHook} the delay
 * from the change's timestamp in the log (the database's clock, taken in the changing transaction)
 * to the moment the cache dropped the key, corrected by the offset between the database's clock and
 * this node's ({@link #databaseOffset}). Thread-safe: notices and polls come from their own
 * threads; polls are serialised.
 */
public final class KeyChangeFeed {
  /** How far back each poll re-reads; longer than any key-changing transaction. */
  static final Duration OVERLAP = Duration.ofSeconds(10);

  /** Told about every change applied here. */
  @FunctionalInterface
  public interface AppliedHook {
    /**
     * A change was applied {@code delay} after its commit; {@code notice} tells whether its notice
     * carried it (otherwise the backstop poll found it). Called on a background thread; must not
     * block.
     */
    void applied(Duration delay, boolean notice);
  }

  private final JdbcKeyStore keys;
  private final Consumer<String> invalidate;
  private final boolean measurePolled;
  private final ConcurrentHashMap<Long, Instant> seen = new ConcurrentHashMap<>();
  private final AtomicLong highest = new AtomicLong();
  private final Object pollLock = new Object();
  private volatile AppliedHook hook = (delay, notice) -> {};
  private volatile long databaseOffsetMicros;
  private Instant readFrom;

  /** A feed from the key store into {@code invalidate}; polled changes are never measured. */
  public KeyChangeFeed(JdbcKeyStore keys, Consumer<String> invalidate) {
    this(keys, invalidate, false);
  }

  /**
   * A feed from the key store into {@code invalidate}; {@code measurePolled} reports changes the
   * poll finds too (right where notices carry changes, and the poll finds only missed ones; wrong
   * on one embedded node, whose own changes the poll finds after they were applied locally).
   */
  public KeyChangeFeed(JdbcKeyStore keys, Consumer<String> invalidate, boolean measurePolled) {
    this.keys = keys;
    this.invalidate = invalidate;
    this.measurePolled = measurePolled;
  }

  /** Sets who is told about applied changes. */
  public void onApplied(AppliedHook hook) {
    this.hook = hook;
  }

  /** Notes the database's clock minus this node's, as last measured. */
  void databaseOffset(Duration offset) {
    databaseOffsetMicros = offset.toNanos() / 1_000;
  }

  /** The highest change-log id applied so far. */
  public long highestApplied() {
    return highest.get();
  }

  /**
   * Applies one change unless already applied; {@code own} changes (made by this node, whose cache
   * dropped the key as it made them) are not measured. Returns whether it was new.
   */
  boolean apply(long id, String accessId, Instant changedAt, boolean notice, boolean own) {
    if (seen.putIfAbsent(id, changedAt) != null) {
      return false;
    }
    invalidate.accept(accessId);
    highest.accumulateAndGet(id, Math::max);
    if (!own && (notice || measurePolled)) {
      long nowMicros = Math.multiplyExact(System.currentTimeMillis(), 1_000L);
      long changedMicros = changedAt.getEpochSecond() * 1_000_000L + changedAt.getNano() / 1_000;
      long delay = Math.max(0, nowMicros + databaseOffsetMicros - changedMicros);
      hook.applied(Duration.ofNanos(delay * 1_000), notice);
    }
    return true;
  }

  /** Reads new changes and invalidates their keys; returns how many were new. Blocking. */
  public int poll() {
    synchronized (pollLock) {
      if (readFrom == null) {
        // Start from now: a fresh cache holds nothing older.
        readFrom = keys.databaseNow().minus(OVERLAP);
      }
      List<JdbcKeyStore.Change> changes = keys.changesSince(readFrom);
      int fresh = 0;
      Instant newest = readFrom.plus(OVERLAP);
      for (JdbcKeyStore.Change change : changes) {
        if (apply(change.id(), change.accessId(), change.changedAt(), false, false)) {
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
}
