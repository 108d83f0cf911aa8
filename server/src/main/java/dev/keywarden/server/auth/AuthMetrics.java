package dev.keywarden.server.auth;

import dev.keywarden.verification.VerifyCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts how API callers authenticate, apart from key verifications for platform services: {@code
 * keywarden_api_authentications_total} by credential ({@code key}, {@code session}, {@code none})
 * and outcome. Lock-free counters, read when metrics are scraped. Thread-safe.
 */
public final class AuthMetrics {
  private final EnumMap<VerifyCode, LongAdder> keys = new EnumMap<>(VerifyCode.class);
  private final LongAdder none = new LongAdder();
  private final LongAdder sessionValid = new LongAdder();
  private final LongAdder sessionRefused = new LongAdder();

  /** Counters registered in a registry. */
  public AuthMetrics(MeterRegistry registry) {
    for (VerifyCode code : VerifyCode.values()) {
      LongAdder count = new LongAdder();
      keys.put(code, count);
      register(registry, "key", code.name(), count);
    }
    register(registry, "none", "UNAUTHENTICATED", none);
    register(registry, "session", "VALID", sessionValid);
    register(registry, "session", "REFUSED", sessionRefused);
  }

  private static void register(
      MeterRegistry registry, String credential, String outcome, LongAdder count) {
    FunctionCounter.builder("keywarden_api_authentications", count, LongAdder::sum)
        .description("API requests authenticated, by credential and outcome")
        .tag("credential", credential)
        .tag("outcome", outcome)
        .register(registry);
  }

  void key(VerifyCode code) {
    keys.get(code).increment();
  }

  void noCredential() {
    none.increment();
  }

  void session(boolean valid) {
    (valid ? sessionValid : sessionRefused).increment();
  }
}
