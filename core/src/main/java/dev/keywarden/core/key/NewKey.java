package dev.keywarden.core.key;

import dev.keywarden.verification.Binding;
import dev.keywarden.verification.Scope;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a caller asks for when creating a key. Only {@code name} and {@code scopes} are required.
 *
 * @param expiresAt the expiry, or {@code null} for the longest the account allows (one year)
 * @param binding the binding, or {@code null} for the whole account
 */
public record NewKey(
    String name,
    Set<Scope> scopes,
    Instant expiresAt,
    Binding binding,
    String description,
    List<String> allowedIps,
    Integer rateLimitPerMinute) {

  /** A key with a name and scopes, defaults for the rest. */
  public static NewKey of(String name, Set<Scope> scopes) {
    return new NewKey(name, scopes, null, null, null, List.of(), null);
  }

  /** This request with another expiry. */
  public NewKey withExpiresAt(Instant instant) {
    return new NewKey(name, scopes, instant, binding, description, allowedIps, rateLimitPerMinute);
  }

  /** This request with another binding. */
  public NewKey withBinding(Binding other) {
    return new NewKey(name, scopes, expiresAt, other, description, allowedIps, rateLimitPerMinute);
  }
}
