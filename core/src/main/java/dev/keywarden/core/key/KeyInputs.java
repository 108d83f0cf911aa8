package dev.keywarden.core.key;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.verification.Binding;
import dev.keywarden.verification.IpRange;
import dev.keywarden.verification.Scope;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Parsers for the parts of a key that callers type — scopes, IP ranges, bindings — whose mistakes
 * name the offending field, for every adapter (API bodies, the command line) alike.
 */
public final class KeyInputs {
  private KeyInputs() {}

  /**
   * Parses scope identifiers (as {@link Scope#parse} does), naming {@code field} in the error for
   * an unknown one.
   */
  public static Set<Scope> scopes(Collection<String> texts, String field) {
    EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String text : texts) {
      scopes.add(
          Scope.parse(text)
              .orElseThrow(
                  () ->
                      KeywardenException.invalid(
                          ErrorCode.INVALID_SCOPES,
                          field,
                          "Unknown scope '"
                              + String.valueOf(text).strip()
                              + "'; one of "
                              + List.of(Scope.values()))));
    }
    return scopes;
  }

  /** Parses an IP address or CIDR range, naming {@code field} in the error. */
  public static IpRange ipRange(String text, String field) {
    try {
      return IpRange.parse(text);
    } catch (IllegalArgumentException e) {
      throw KeywardenException.invalid(ErrorCode.INVALID_IP_RANGE, field, e.getMessage());
    }
  }

  /**
   * Parses a binding ({@code account} or {@code license:<id>}), naming the field {@code binding}.
   */
  public static Binding binding(String text) {
    try {
      return Binding.parse(text);
    } catch (IllegalArgumentException e) {
      throw KeywardenException.invalid(ErrorCode.INVALID_BINDING, "binding", e.getMessage());
    }
  }
}
