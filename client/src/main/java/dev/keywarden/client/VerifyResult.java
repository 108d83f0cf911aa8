package dev.keywarden.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a verification: whether the key is usable and, when it is known, whose it is and
 * what it may do. Immutable.
 *
 * @param valid whether the key may be used for the request
 * @param code why (VALID, or the first failed check)
 * @param accessId the key's access id, or {@code null}
 * @param account the key's account, or {@code null}
 * @param owner the owning user, or {@code null} for license keys
 * @param name the key's name, or {@code null}
 * @param scopes the key's scopes (empty when unknown)
 * @param binding {@code account} or {@code license:<id>}, or {@code null}
 * @param expiresAt when the key expires, or {@code null}
 * @param apiVersion {@code v2} or {@code v1}, or {@code null}
 */
public record VerifyResult(
    boolean valid,
    VerifyCode code,
    String accessId,
    String account,
    String owner,
    String name,
    List<String> scopes,
    String binding,
    Instant expiresAt,
    String apiVersion) {

  /** Copies the scopes; a result is valid only with code {@code VALID}. */
  public VerifyResult {
    Objects.requireNonNull(code, "null code");
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
    valid = valid && code == VerifyCode.VALID;
  }

  /** A negative result with nothing known about the key. */
  public static VerifyResult invalid(VerifyCode code) {
    return new VerifyResult(false, code, null, null, null, null, List.of(), null, null, null);
  }
}
