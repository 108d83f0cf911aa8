package dev.keywarden.core.license;

import java.time.Instant;

/** A compute license of an account; its default pool is {@code <id>-default}. */
public record License(long id, long accountId, String name, Instant createdAt) {
  /** The license's default pool name. */
  public String defaultPool() {
    return id + "-default";
  }
}
