package dev.keywarden.verification;

/**
 * The outcome of a verification. The checks run in the order of this enum (after {@code VALID}):
 * the first that fails gives the code.
 */
public enum VerifyCode {
  /** Every check passed. */
  VALID,
  /** Malformed token, bad checksum, unknown access id or wrong secret. */
  NOT_FOUND,
  /** The key belongs to another account than the one asked about. */
  WRONG_ACCOUNT,
  /** The key is past its expiration date. */
  EXPIRED,
  /** The key is disabled. */
  DISABLED,
  /** A legacy v1 key on the v2 API, or a v2 key on the legacy API. */
  WRONG_API_VERSION,
  /** The client's address is outside the key's allowed ranges. */
  IP_NOT_ALLOWED,
  /** The key lacks a required scope. */
  INSUFFICIENT_SCOPE,
  /** The key is bound to another license than the one asked about. */
  WRONG_LICENSE,
  /** The key has used up its requests for this minute on this node. */
  RATE_LIMITED;

  /** Whether this code means the key may be used. */
  public boolean isValid() {
    return this == VALID;
  }
}
