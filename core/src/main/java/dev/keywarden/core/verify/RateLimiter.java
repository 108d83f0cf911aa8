package dev.keywarden.core.verify;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-key request counts in fixed one-minute windows, on this node. Lock-free: each key's window
 * and count share one {@link AtomicLong} (minute in the high 40 bits, count in the low 24), so a
 * new minute resets the count in the same compare-and-set that counts. Thread-safe.
 */
final class RateLimiter {
  private static final int COUNT_BITS = 24;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private final ConcurrentHashMap<String, AtomicLong> windows = new ConcurrentHashMap<>();

  /** Counts a request; false when the key has already had {@code limit} this minute. */
  boolean tryAcquire(String accessId, int limit, long nowMillis) {
    long minute = nowMillis / 60_000;
    AtomicLong window = windows.get(accessId);
    if (window == null) {
      window = windows.computeIfAbsent(accessId, id -> new AtomicLong());
    }
    while (true) {
      long state = window.get();
      long count = (state >>> COUNT_BITS) == minute ? state & COUNT_MASK : 0;
      if (count >= limit) {
        return false;
      }
      long next = (minute << COUNT_BITS) | Math.min(count + 1, COUNT_MASK);
      if (window.compareAndSet(state, next)) {
        return true;
      }
    }
  }

  /** Forgets a key's window (when the key changes). */
  void forget(String accessId) {
    windows.remove(accessId);
  }
}
