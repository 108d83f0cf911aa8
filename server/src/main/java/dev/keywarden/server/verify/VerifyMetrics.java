package dev.keywarden.server.verify;

import dev.keywarden.verification.VerifyCode;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the verification endpoints count: each presented key once, by endpoint and outcome ({@code
 * keywarden_verifications_total}), and the time from a request's arrival to its answer ({@code
 * keywarden_verify_duration_seconds}, a histogram per endpoint). The caller's own key on {@code
 * /verify} is an API authentication, counted by the authenticator, not here. Lock-free counters,
 * read when metrics are scraped. Thread-safe.
 */
final class VerifyMetrics {
  /** The two verification endpoints. */
  enum Endpoint {
    VERIFY,
    FORWARD_AUTH
  }

  private final EnumMap<Endpoint, EnumMap<VerifyCode, LongAdder>> counts =
      new EnumMap<>(Endpoint.class);
  private final EnumMap<Endpoint, Timer> durations = new EnumMap<>(Endpoint.class);

  VerifyMetrics(MeterRegistry registry) {
    for (Endpoint endpoint : Endpoint.values()) {
      String tag = endpoint.name().toLowerCase(Locale.ROOT);
      EnumMap<VerifyCode, LongAdder> byCode = new EnumMap<>(VerifyCode.class);
      for (VerifyCode code : VerifyCode.values()) {
        LongAdder count = new LongAdder();
        byCode.put(code, count);
        FunctionCounter.builder("keywarden_verifications", count, LongAdder::sum)
            .description("Presented keys verified, by endpoint and outcome")
            .tag("endpoint", tag)
            .tag("code", code.name())
            .register(registry);
      }
      counts.put(endpoint, byCode);
      durations.put(
          endpoint,
          Timer.builder("keywarden_verify_duration")
              .description("Time from a verification request's arrival to its answer")
              .tag("endpoint", tag)
              .serviceLevelObjectives(
                  Duration.ofNanos(50_000),
                  Duration.ofNanos(100_000),
                  Duration.ofNanos(250_000),
                  Duration.ofNanos(500_000),
                  Duration.ofMillis(1),
                  Duration.ofMillis(2),
                  Duration.ofMillis(5),
                  Duration.ofMillis(10),
                  Duration.ofMillis(50),
                  Duration.ofMillis(250),
                  Duration.ofSeconds(1))
              .register(registry));
    }
  }

  /** Counts one verification and the time since {@code startNanos}. */
  void record(Endpoint endpoint, VerifyCode code, long startNanos) {
    counts.get(endpoint).get(code).increment();
    durations.get(endpoint).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }
}
