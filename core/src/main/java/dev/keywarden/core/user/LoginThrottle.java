package dev.keywarden.core.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.keywarden.core.KeywardenException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} failed logins for one user name or from
 * one address within {@link #WINDOW}, further attempts are refused until the window ends.
 * Thread-safe.
 */
final class LoginThrottle {
  static final int MAX_FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private final Cache<String, AtomicInteger> failures =
      Caffeine.newBuilder().expireAfterWrite(WINDOW).maximumSize(100_000).build();

  void check(String userKey, String ipKey) {
    if (exceeded(userKey) || exceeded(ipKey)) {
      throw KeywardenException.throttled("Too many failed logins; try again later", WINDOW);
    }
  }

  void failed(String userKey, String ipKey) {
    failures.get(userKey, k -> new AtomicInteger()).incrementAndGet();
    failures.get(ipKey, k -> new AtomicInteger()).incrementAndGet();
  }

  void succeeded(String userKey) {
    failures.invalidate(userKey);
  }

  private boolean exceeded(String key) {
    AtomicInteger count = failures.getIfPresent(key);
    return count != null && count.get() >= MAX_FAILURES;
  }
}
