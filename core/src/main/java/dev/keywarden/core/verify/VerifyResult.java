package dev.keywarden.core.verify;

import dev.keywarden.verification.VerifyCode;

/**
 * A verification's outcome: the code and, once the secret has matched, the key it matched (its
 * identity may be shown to the caller; its secret never is).
 *
 * @param key the matched key, or {@code null} for {@link VerifyCode#NOT_FOUND}
 */
public record VerifyResult(VerifyCode code, VerifiableKey key) {
  static final VerifyResult NOT_FOUND = new VerifyResult(VerifyCode.NOT_FOUND, null);

  /** Whether the key may be used. */
  public boolean valid() {
    return code.isValid();
  }
}
