package dev.keywarden.verification;

import java.util.Locale;
import java.util.Optional;

/** The nine scopes a key can carry, with the exact identifiers of the public API. */
public enum Scope {
  Authentication("Allows operations on environments, groups and users"),
  PublishApp("Allows management of applications (publishing, updating, editing and deleting apps)"),
  PublishAimms("Allows publishing of platform versions to the portal"),
  Tasks("Allows management of tasks"),
  APIKey("Permits operations on API keys themselves (creating, regenerating and deleting keys)"),
  Session(
      "Enables operations on WebUI, solve and task sessions (information, logs, terminating,"
          + " deleting)"),
  Secret("Allows management of secrets stored in the portal"),
  User("Allows user specific operations; reserved for future use"),
  Account("Allows account-level management and configuration");

  private final String description;

  Scope(String description) {
    this.description = description;
  }

  /** What the scope allows, for people. */
  public String description() {
    return description;
  }

  /**
   * Parses a scope identifier. Exact identifiers are preferred; the spellings earlier versions of
   * the public API used ({@code Task}, {@code PublishAIMMS}) and any letter case are accepted.
   */
  public static Optional<Scope> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String folded = text.trim().toLowerCase(Locale.ROOT);
    if (folded.equals("task")) {
      return Optional.of(Tasks);
    }
    for (Scope scope : values()) {
      if (scope.name().toLowerCase(Locale.ROOT).equals(folded)) {
        return Optional.of(scope);
      }
    }
    return Optional.empty();
  }
}
