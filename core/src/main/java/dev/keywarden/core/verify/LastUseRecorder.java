package dev.keywarden.core.verify;

import dev.keywarden.core.store.JdbcKeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each key's latest use in memory and writes them behind in one batch, so that
 * verification never waits on storage. Between flushes only the latest use of a key is kept.
 * Thread-safe.
 */
public final class LastUseRecorder {
  private final ConcurrentHashMap<String, JdbcKeyStore.Use> pending = new ConcurrentHashMap<>();
  private final JdbcKeyStore keys;

  /** A recorder writing to the key store. */
  public LastUseRecorder(JdbcKeyStore keys) {
    this.keys = keys;
  }

  /**
   * Notes a use; never blocks on storage. Further uses of a key from the same address within the
   * same second are not noted again, so that a busy key neither allocates nor contends on the map.
   */
  void record(String accessId, long atMillis, String ip) {
    JdbcKeyStore.Use noted = pending.get(accessId);
    if (noted != null
        && noted.at().getEpochSecond() == Math.floorDiv(atMillis, 1000)
        && Objects.equals(noted.ip(), ip)) {
      return;
    }
    pending.put(accessId, new JdbcKeyStore.Use(accessId, Instant.ofEpochMilli(atMillis), ip));
  }

  /** Writes every pending use in one batch (blocking); returns how many were written. */
  public int flush() {
    List<JdbcKeyStore.Use> batch = new ArrayList<>(pending.size());
    for (String accessId : pending.keySet()) {
      JdbcKeyStore.Use use = pending.remove(accessId);
      if (use != null) {
        batch.add(use);
      }
    }
    keys.recordUses(batch);
    return batch.size();
  }
}
