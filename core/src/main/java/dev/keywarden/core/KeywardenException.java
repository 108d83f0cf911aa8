package dev.keywarden.core;

import java.time.Duration;
import java.util.Objects;

/**
 * The one unchecked exception family of Keywarden: a stable {@link ErrorCode}, a public message
 * safe to show any caller, the offending input field (if any) and an internal detail for logs.
 * Neither message ever contains a secret.
 */
public class KeywardenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String field;
  private final Duration retryAfter;

  private KeywardenException(
      ErrorCode code, String publicMessage, String field, Duration retryAfter, Throwable cause) {
    super(publicMessage, cause);
    this.code = Objects.requireNonNull(code, "null code");
    this.field = field;
    this.retryAfter = retryAfter;
  }

  /** An error with its code's default public message. */
  public static KeywardenException of(ErrorCode code) {
    return new KeywardenException(code, code.publicMessage(), null, null, null);
  }

  /** An error with a public message. */
  public static KeywardenException of(ErrorCode code, String publicMessage) {
    return new KeywardenException(code, publicMessage, null, null, null);
  }

  /** An invalid-input error naming the offending field. */
  public static KeywardenException invalid(ErrorCode code, String field, String publicMessage) {
    return new KeywardenException(code, publicMessage, field, null, null);
  }

  /** A throttling error telling the caller when to come back. */
  public static KeywardenException throttled(String publicMessage, Duration retryAfter) {
    return throttled(ErrorCode.THROTTLED, publicMessage, retryAfter);
  }

  /** A throttling error of a given code telling the caller when to come back. */
  public static KeywardenException throttled(
      ErrorCode code, String publicMessage, Duration retryAfter) {
    return new KeywardenException(code, publicMessage, null, retryAfter, null);
  }

  /** A storage failure; the cause is kept for logs only. */
  public static KeywardenException storage(Throwable cause) {
    return new KeywardenException(
        ErrorCode.STORAGE_UNAVAILABLE,
        ErrorCode.STORAGE_UNAVAILABLE.publicMessage(),
        null,
        null,
        cause);
  }

  /** The stable code. */
  public ErrorCode code() {
    return code;
  }

  /** The offending input field, or {@code null}. */
  public String field() {
    return field;
  }

  /** For {@link ErrorCode#THROTTLED}: how long to wait, or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
