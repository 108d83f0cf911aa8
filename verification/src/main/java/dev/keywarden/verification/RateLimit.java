package dev.keywarden.verification;

/**
 * Counts a key's uses against its per-minute limit. Implementations count on this node ({@link
 * FixedWindowRateLimit}) or across nodes; each states its accuracy. Implementations are thread-safe
 * and never block.
 */
public interface RateLimit {
  /**
   * Counts one use of a key; {@code false} (and nothing counted) when the key has already had
   * {@code limitPerMinute} uses in the current minute.
   */
  boolean tryAcquire(String accessId, int limitPerMinute, long nowMillis);

  /** Forgets what was counted for a key (when the key changes). */
  void forget(String accessId);
}
