package dev.keywarden.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/** Why a key verified or not; the server's checks run in a fixed, documented order. */
public enum VerifyCode {
  /** The key is usable for the request. */
  VALID,
  /** No such key (or a malformed token, or another account's key). */
  NOT_FOUND,
  /** The key has expired. */
  EXPIRED,
  /** The key is disabled. */
  DISABLED,
  /** The key lacks a required scope. */
  INSUFFICIENT_SCOPE,
  /** The key is bound to another license. */
  WRONG_LICENSE,
  /** The key belongs to another account. */
  WRONG_ACCOUNT,
  /** A legacy key on the current API, or the reverse. */
  WRONG_API_VERSION,
  /** The key may not be used from the client's address. */
  IP_NOT_ALLOWED,
  /** The key has used its requests for now. */
  RATE_LIMITED,
  /** A code this client version does not know. */
  @JsonEnumDefaultValue
  UNKNOWN
}
