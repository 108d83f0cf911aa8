package dev.keywarden.verification;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-key request counts in fixed one-minute windows, on this node. Lock-free: each key's window
 * and count share one {@link AtomicLong} (minute in the high 40 bits, count in the low 24), so a
 * new minute resets the count in the same compare-and-set that counts. Thread-safe.
 */
public final class FixedWindowRateLimit implements RateLimit {
  private static final int COUNT_BITS = 24;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private final ConcurrentHashMap<String, AtomicLong> windows = new ConcurrentHashMap<>();

  @Override
  public boolean tryAcquire(String accessId, int limit, long nowMillis) {
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

  @Override
  public void forget(String accessId) {
    windows.remove(accessId);
  }
}
