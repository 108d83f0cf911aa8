package dev.keywarden.core.key;

/**
 * A key just created or regenerated, with its token and secret: the only time they exist outside
 * the caller's hands. {@link #toString()} hides both.
 */
public record CreatedKey(ApiKey key, String token, String secret) {
  @Override
  public String toString() {
    return "CreatedKey[key=" + key.accessId() + ", token=***]";
  }
}
