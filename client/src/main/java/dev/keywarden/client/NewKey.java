package dev.keywarden.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A request to create a key. Start with {@link #of(String, String...)} and refine with the {@code
 * with...} methods. Immutable.
 *
 * @param name unique per owner
 * @param scopes one or more scope names, e.g. {@code Tasks}
 * @param expirationDate the last day, or {@code null} for the default (one year)
 * @param binding {@code account}, {@code license:<id>}, or {@code null} for {@code account}
 * @param description free text, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewKey(
    String name,
    List<String> scopes,
    LocalDate expirationDate,
    String binding,
    String description) {

  /** Checks the name and copies the scopes. */
  public NewKey {
    Objects.requireNonNull(name, "null name");
    scopes = List.copyOf(Objects.requireNonNull(scopes, "null scopes"));
  }

  /** A key with a name and scopes; default expiry and binding. */
  public static NewKey of(String name, String... scopes) {
    return new NewKey(name, List.of(scopes), null, null, null);
  }

  /** This request with another expiry date. */
  public NewKey withExpirationDate(LocalDate date) {
    return new NewKey(name, scopes, date, binding, description);
  }

  /** This request bound to one license: only its machines and pools. */
  public NewKey boundToLicense(long licenseId) {
    return withBinding("license:" + licenseId);
  }

  /** This request with a binding, {@code account} or {@code license:<id>}. */
  public NewKey withBinding(String value) {
    return new NewKey(name, scopes, expirationDate, value, description);
  }

  /** This request with a description. */
  public NewKey withDescription(String text) {
    return new NewKey(name, scopes, expirationDate, binding, text);
  }
}
