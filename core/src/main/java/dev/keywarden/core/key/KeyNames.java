package dev.keywarden.core.key;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;

/** The rule for key names: 1 to 100 characters, no control characters and no slash. */
final class KeyNames {
  static final int MAX_LENGTH = 100;

  private KeyNames() {}

  static String check(String name) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()) {
      throw KeywardenException.invalid(ErrorCode.INVALID_NAME, "name", "name is required");
    }
    if (stripped.length() > MAX_LENGTH) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_NAME, "name", "name must be at most " + MAX_LENGTH + " characters");
    }
    if (stripped.chars().anyMatch(c -> Character.isISOControl(c) || c == '/')) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_NAME, "name", "name must not contain control characters or '/'");
    }
    return stripped;
  }
}
