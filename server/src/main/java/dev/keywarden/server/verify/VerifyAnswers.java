package dev.keywarden.server.verify;

import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.verify.VerifiableKey;
import dev.keywarden.core.verify.VerifyResult;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.VerifyCode;
import io.vertx.core.buffer.Buffer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of the verify endpoint and the identity of forward auth, written by hand (no secret
 * is ever part of them). Answers without identity are prepared once per code; a key's valid answer
 * and scopes header are rendered once and reused while the verifier serves the same cached key
 * object (a changed key is reloaded as a new object, so it is rendered anew). Thread-safe.
 */
final class VerifyAnswers {
  /** Valid answers kept rendered; past this many the map starts over. */
  private static final int MAX_RENDERED = 200_000;

  private static final EnumMap<VerifyCode, Buffer> BARE = new EnumMap<>(VerifyCode.class);

  static {
    for (VerifyCode code : VerifyCode.values()) {
      BARE.put(code, Buffer.buffer("{\"valid\":" + code.isValid() + ",\"code\":\"" + code + "\"}"));
    }
  }

  /** A key's valid answer and scopes header. */
  record Rendered(VerifiableKey key, Buffer json, String scopes) {}

  private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();

  /**
   * The verify answer: the key's identity once its secret matched and it is of this account; {@code
   * retryAfterSeconds} is told when the key is rate limited.
   */
  Buffer answer(VerifyResult result, long retryAfterSeconds) {
    VerifiableKey matched = result.key();
    VerifyCode code = result.code();
    if (matched == null || code == VerifyCode.WRONG_ACCOUNT) {
      return BARE.get(code);
    }
    if (code == VerifyCode.VALID) {
      return rendered(matched).json();
    }
    return Buffer.buffer(identity(code, matched, retryAfterSeconds));
  }

  /** A valid key's identity, rendered once. */
  Rendered rendered(VerifiableKey matched) {
    String accessId = matched.key().accessId();
    Rendered known = rendered.get(accessId);
    if (known != null && known.key() == matched) {
      return known;
    }
    Rendered fresh =
        new Rendered(
            matched,
            Buffer.buffer(identity(VerifyCode.VALID, matched, 0)),
            scopes(matched.key().scopes()));
    if (rendered.size() >= MAX_RENDERED) {
      rendered.clear();
    }
    rendered.put(accessId, fresh);
    return fresh;
  }

  static String identity(VerifyCode code, VerifiableKey matched, long retryAfterSeconds) {
    ApiKey key = matched.key();
    StringBuilder json = new StringBuilder(320);
    json.append("{\"valid\":").append(code.isValid()).append(",\"code\":\"").append(code);
    json.append("\",\"access_id\":");
    quote(json, key.accessId());
    json.append(",\"account\":");
    quote(json, matched.accountName());
    json.append(",\"owner\":");
    quote(json, key.ownerUsername());
    json.append(",\"name\":");
    quote(json, key.name());
    json.append(",\"scopes\":[");
    boolean first = true;
    for (Scope scope : key.scopes()) {
      json.append(first ? "\"" : ",\"").append(scope.name()).append('"');
      first = false;
    }
    json.append("],\"binding\":\"").append(key.binding().text());
    json.append("\",\"expires_at\":\"").append(key.expiresAt());
    json.append("\",\"api_version\":\"").append(key.apiVersion().name()).append('"');
    if (code == VerifyCode.RATE_LIMITED) {
      json.append(",\"retry_after_seconds\":").append(retryAfterSeconds);
    }
    return json.append('}').toString();
  }

  private static void quote(StringBuilder json, String text) {
    if (text == null) {
      json.append("null");
      return;
    }
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }

  private static String scopes(Set<Scope> scopes) {
    StringBuilder text = new StringBuilder(48);
    for (Scope scope : scopes) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(scope.name());
    }
    return text.toString();
  }
}
