package dev.keywarden.server.verify;

import dev.keywarden.core.Keywarden;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * How long a key change made on another node takes to reach this node's verification cache, from
 * the change's commit (its change-log timestamp, the database's clock) to the cache dropping the
 * key: {@code keywarden_revocation_delay_seconds}, a histogram by how the change came ({@code
 * via="notice"} pushed by PostgreSQL, {@code via="poll"} found by the backstop poll).
 */
public final class RevocationMetrics {
  private RevocationMetrics() {}

  /** Registers the histogram and feeds it from the node's change feed. */
  public static void bind(Keywarden keywarden, MeterRegistry registry) {
    Timer notice = timer(registry, "notice");
    Timer poll = timer(registry, "poll");
    keywarden.onChangeApplied((delay, byNotice) -> (byNotice ? notice : poll).record(delay));
  }

  private static Timer timer(MeterRegistry registry, String via) {
    return Timer.builder("keywarden_revocation_delay")
        .description(
            "Time from a key change's commit on another node to this node's cache applying it")
        .tag("via", via)
        .serviceLevelObjectives(
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(5),
            Duration.ofMillis(10),
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5))
        .register(registry);
  }
}
