package dev.keywarden.server.auth;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.server.http.Problems;
import dev.keywarden.verification.VerifyCode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;

/**
 * The one mapping of a key that did not verify to an HTTP answer, for API callers, the verify
 * endpoint's own caller and forward auth alike: a key that is unusable (unknown, expired, disabled,
 * another account's, another API version's) is {@code 401 UNAUTHENTICATED}; a usable key that may
 * not do this (scope, license, address) is {@code 403}; a key over its rate limit is {@code 429}
 * with {@code Retry-After}. The verify code itself goes in {@code X-Keywarden-Code}. Problem bodies
 * are prepared once. Thread-safe.
 */
public final class Refusals {
  /** The header that tells why a key was refused (or {@code VALID}). */
  public static final CharSequence CODE_HEADER = HttpHeaders.createOptimized("X-Keywarden-Code");

  private record Refusal(CharSequence code, int status, Buffer body) {}

  private static final EnumMap<VerifyCode, Refusal> REFUSALS = new EnumMap<>(VerifyCode.class);

  static {
    for (VerifyCode code : VerifyCode.values()) {
      if (code != VerifyCode.VALID) {
        ErrorCode error = errorCode(code);
        REFUSALS.put(
            code,
            new Refusal(
                HttpHeaders.createOptimized(code.name()),
                Problems.status(error, null),
                Problems.prepared(error, detail(code))));
      }
    }
  }

  /** How soon a gateway's client may try again after a storage outage that names no time. */
  private static final Duration OUTAGE_RETRY = Duration.ofSeconds(5);

  private final Clock clock;

  /** Refusals telling {@code Retry-After} by this clock. */
  public Refusals(Clock clock) {
    this.clock = clock;
  }

  /** The error code a refused key answers with. */
  public static ErrorCode errorCode(VerifyCode code) {
    return switch (code) {
      case NOT_FOUND, WRONG_ACCOUNT, EXPIRED, DISABLED, WRONG_API_VERSION ->
          ErrorCode.UNAUTHENTICATED;
      case IP_NOT_ALLOWED -> ErrorCode.IP_NOT_ALLOWED;
      case INSUFFICIENT_SCOPE -> ErrorCode.INSUFFICIENT_SCOPE;
      case WRONG_LICENSE -> ErrorCode.WRONG_LICENSE;
      case RATE_LIMITED -> ErrorCode.RATE_LIMITED;
      case VALID -> throw new IllegalArgumentException("A valid key is not refused");
    };
  }

  /** The HTTP status a refused key answers with. */
  public static int status(VerifyCode code) {
    return REFUSALS.get(code).status();
  }

  /** What a refusal tells the caller. */
  static String detail(VerifyCode code) {
    return switch (code) {
      case NOT_FOUND -> "The key is unknown or wrong";
      case WRONG_ACCOUNT -> "The key belongs to another account";
      case EXPIRED -> "The key has expired";
      case DISABLED -> "The key is disabled";
      case WRONG_API_VERSION -> "The key is not usable on this API version";
      case IP_NOT_ALLOWED -> "The key is not allowed from this address";
      case INSUFFICIENT_SCOPE -> "The key lacks a required scope";
      case WRONG_LICENSE -> "The key is bound to another license";
      case RATE_LIMITED -> "The key has used its requests for now";
      case VALID -> "The key is valid";
    };
  }

  /** Answers a refused key. */
  public void send(HttpServerResponse response, VerifyCode code) {
    Refusal refusal = REFUSALS.get(code);
    if (code == VerifyCode.RATE_LIMITED) {
      response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
    }
    response.putHeader(CODE_HEADER, refusal.code());
    Problems.send(response, refusal.status(), refusal.body());
  }

  /**
   * Answers a refused key to a gateway that passes on only 401 and 403 (nginx {@code
   * auth_request}): as {@link #send}, except that a rate-limited key answers 403 (its code in
   * {@code X-Keywarden-Code}, with {@code Retry-After}) for the gateway to turn back into 429.
   */
  public void sendWithinAuthStatuses(HttpServerResponse response, VerifyCode code) {
    Refusal refusal = REFUSALS.get(code);
    if (refusal.status() == 401 || refusal.status() == 403) {
      send(response, code);
      return;
    }
    response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
    response.putHeader(CODE_HEADER, refusal.code());
    Problems.send(response, 403, refusal.body());
  }

  /**
   * Answers a storage outage to a gateway that passes on only 401 and 403: 403 with the error's
   * code (e.g. {@code STORAGE_UNAVAILABLE}) in {@code X-Keywarden-Code} and {@code Retry-After},
   * for the gateway to turn back into 503.
   */
  public static void unavailableWithinAuthStatuses(
      HttpServerResponse response, KeywardenException error) {
    Duration retryAfter = error.retryAfter() == null ? OUTAGE_RETRY : error.retryAfter();
    response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
    response.putHeader(CODE_HEADER, error.code().name());
    Problems.send(response, 403, Problems.prepared(error.code(), error.code().publicMessage()));
  }

  /** Seconds until a rate-limited key may be used again: the start of the next minute. */
  public long retryAfterSeconds() {
    long second = clock.millis() / 1000;
    return 60 - second % 60;
  }
}
