package dev.keywarden.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand instead of sleeping. Thread-safe. */
public final class MutableClock extends Clock {
  private volatile Instant now;

  /** A clock at an instant. */
  public MutableClock(Instant start) {
    this.now = start;
  }

  /** A clock at the current time. */
  public static MutableClock now() {
    return new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  /** Moves the clock forward. */
  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
