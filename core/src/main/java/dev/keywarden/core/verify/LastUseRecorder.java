package dev.keywarden.core.verify;

import dev.keywarden.core.store.JdbcKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each key's latest use in memory and writes them behind in one batch, so that
 * verification never waits on storage. Between flushes only the latest use of a key is kept.
 * Thread-safe.
 */
public final class LastUseRecorder {
  /** The most uses written in one transaction. */
  static final int CHUNK = 1_000;

  private final ConcurrentHashMap<String, JdbcKeyStore.Use> pending = new ConcurrentHashMap<>();
  private final JdbcKeyStore keys;

  /** A recorder writing to the key store. */
  public LastUseRecorder(JdbcKeyStore keys) {
    this.keys = keys;
  }

  /** Notes a use; never blocks on storage. */
  void record(String accessId, Instant at, String ip) {
    pending.put(accessId, new JdbcKeyStore.Use(accessId, at, ip));
  }

  /**
   * Writes every pending use (blocking) in transactions of at most {@link #CHUNK} rows, in access
   * id order so that nodes flushing at the same time lock rows in the same order and cannot
   * deadlock; returns how many were written.
   */
  public int flush() {
    List<JdbcKeyStore.Use> batch = new ArrayList<>(pending.size());
    for (String accessId : pending.keySet()) {
      JdbcKeyStore.Use use = pending.remove(accessId);
      if (use != null) {
        batch.add(use);
      }
    }
    batch.sort(Comparator.comparing(JdbcKeyStore.Use::accessId));
    for (int from = 0; from < batch.size(); from += CHUNK) {
      keys.recordUses(batch.subList(from, Math.min(batch.size(), from + CHUNK)));
    }
    return batch.size();
  }
}
