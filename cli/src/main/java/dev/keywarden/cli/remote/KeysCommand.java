package dev.keywarden.cli.remote;

import dev.keywarden.client.ApiKey;
import dev.keywarden.client.CreatedKey;
import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.NewKey;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keywarden keys ...}: the caller's API keys on a running server, or with {@code --license}
 * a license's keys (admins).
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "API keys on a running server: list, create, regenerate, delete, enable, disable.",
    subcommands = {
      KeysCommand.ListKeys.class,
      KeysCommand.Create.class,
      KeysCommand.Delete.class,
      KeysCommand.Regenerate.class,
      KeysCommand.Enable.class,
      KeysCommand.Disable.class
    })
public final class KeysCommand {
  private KeysCommand() {}

  /** {@code keywarden keys list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys: name, access id, expiry, scopes, binding, last use; never secrets.")
  static final class ListKeys extends RemoteCommand {
    @Option(names = "--license", paramLabel = "<id>", description = "A license's keys (admins).")
    Long license;

    @Option(names = "--all", description = "Every key of the account (admins).")
    boolean all;

    @Override
    int run(KeywardenClient client) {
      List<ApiKey> keys =
          license != null
              ? client.listLicenseKeys(license)
              : all ? client.listAccountKeys() : client.listKeys();
      if (json()) {
        Output.json(out(), keys);
        return 0;
      }
      List<List<String>> rows = new ArrayList<>();
      for (ApiKey key : keys) {
        rows.add(
            List.of(
                key.name(),
                key.accessId(),
                nullToEmpty(key.owner()),
                nullToEmpty(Output.date(key.expirationDate())),
                String.join(",", key.scopes()),
                nullToEmpty(key.binding()),
                status(key),
                nullToEmpty(Output.minute(key.lastUsedAt()))));
      }
      Output.table(
          out(),
          List.of(
              "NAME", "ACCESS ID", "OWNER", "EXPIRES", "SCOPES", "BINDING", "STATUS", "LAST USED"),
          rows);
      return 0;
    }

    private static String status(ApiKey key) {
      List<String> parts = new ArrayList<>();
      parts.add(key.enabled() ? "enabled" : "disabled");
      if (key.isDefault()) {
        parts.add("default");
      }
      if (key.deprecated()) {
        parts.add("legacy v1");
      }
      return String.join(",", parts);
    }
  }

  /** {@code keywarden keys create <name> --scopes ...}: the token alone on stdout. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a key. Prints its token alone on stdout (everything else on stderr), so",
        "  TOKEN=$(keywarden keys create ci --scopes Tasks) captures it. Shown once."
      })
  static final class Create extends RemoteCommand {
    @Parameters(paramLabel = "<name>", description = "Unique among your keys.")
    String name;

    @Option(
        names = "--scopes",
        required = true,
        split = ",",
        paramLabel = "<scope>",
        description =
            "One or more of: Authentication, PublishApp, PublishAimms, Tasks, APIKey, Session,"
                + " Secret, User, Account (see 'keywarden scopes').")
    List<String> scopes;

    @Option(
        names = "--expires",
        paramLabel = "<YYYY-MM-DD>",
        description = "Last day (default and maximum: one year).")
    String expires;

    @Option(
        names = "--binding",
        paramLabel = "<binding>",
        description = "account (all licenses, default) or license:<id> (that license only).")
    String binding;

    @Option(names = "--description", paramLabel = "<text>", description = "Free text.")
    String description;

    @Option(
        names = "--license",
        paramLabel = "<id>",
        description = "Create a key of this license (admins) instead of your own.")
    Long license;

    @Override
    int run(KeywardenClient client) {
      NewKey request =
          NewKey.of(name, scopes.stream().map(String::strip).toArray(String[]::new))
              .withExpirationDate(date(expires))
              .withBinding(binding)
              .withDescription(description);
      CreatedKey created =
          license == null ? client.createKey(request) : client.createLicenseKey(license, request);
      printCreated(this, created, "created");
      return 0;
    }
  }

  /** {@code keywarden keys delete <name>}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a key: permanent, and every application using it is blocked at once.")
  static final class Delete extends RemoteCommand {
    @Parameters(paramLabel = "<name>")
    String name;

    @Option(names = "--license", paramLabel = "<id>", description = "A key of this license.")
    Long license;

    @Override
    int run(KeywardenClient client) {
      if (license == null) {
        client.deleteKey(name);
      } else {
        client.deleteLicenseKey(license, name);
      }
      if (json()) {
        Output.json(out(), Map.of("name", name, "deleted", true));
      } else {
        err().println("Key '" + name + "' deleted.");
      }
      return 0;
    }
  }

  /** {@code keywarden keys regenerate <name> [--grace 10m]}: the new token alone on stdout. */
  @Command(
      name = "regenerate",
      mixinStandardHelpOptions = true,
      description = {
        "Give a key a new secret (same access id and settings). Prints the new token alone",
        "  on stdout. The old secret stops at once, or after --grace."
      })
  static final class Regenerate extends RemoteCommand {
    @Parameters(paramLabel = "<name>")
    String name;

    @Option(
        names = "--grace",
        paramLabel = "<duration>",
        description = "Keep the old secret working this long, e.g. 30s, 10m, 2h, 1d (max 7d).")
    String grace;

    @Option(names = "--license", paramLabel = "<id>", description = "A key of this license.")
    Long license;

    @Override
    int run(KeywardenClient client) {
      Duration period = duration(grace);
      CreatedKey created =
          license == null
              ? client.regenerateKey(name, period)
              : client.regenerateLicenseKey(license, name, period);
      printCreated(this, created, "regenerated");
      return 0;
    }
  }

  /** {@code keywarden keys enable <name>}. */
  @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a key.")
  static final class Enable extends Toggle {
    Enable() {
      super(true);
    }
  }

  /** {@code keywarden keys disable <name>}: refused until enabled again; not deleted. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable a key (e.g. before deleting it while rotating).")
  static final class Disable extends Toggle {
    Disable() {
      super(false);
    }
  }

  abstract static class Toggle extends RemoteCommand {
    private final boolean enabled;

    @Parameters(paramLabel = "<name>")
    String name;

    @Option(names = "--license", paramLabel = "<id>", description = "A key of this license.")
    Long license;

    Toggle(boolean enabled) {
      this.enabled = enabled;
    }

    @Override
    int run(KeywardenClient client) {
      ApiKey key =
          license == null
              ? client.setKeyEnabled(name, enabled)
              : client.setLicenseKeyEnabled(license, name, enabled);
      if (json()) {
        Output.json(out(), key);
      } else {
        err().println("Key '" + name + "' " + (enabled ? "enabled." : "disabled."));
      }
      return 0;
    }
  }

  /** The token alone on stdout (or the whole key as JSON); the explanation on stderr. */
  static void printCreated(RemoteCommand command, CreatedKey created, String verb) {
    if (command.json()) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("key", created.key());
      view.put("value", created.token());
      Output.json(command.out(), view);
      return;
    }
    ApiKey key = created.key();
    command
        .err()
        .println(
            "Key '"
                + key.name()
                + "' "
                + verb
                + " (access id "
                + key.accessId()
                + ", scopes "
                + String.join(",", key.scopes())
                + ", expires "
                + Output.date(key.expirationDate())
                + "). Copy the token now: it is not shown again.");
    command.err().flush();
    command.out().println(created.token());
  }

  static LocalDate date(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--expires must be a date, YYYY-MM-DD: '" + text + "'");
    }
  }

  /** {@code 90}, {@code 90s}, {@code 10m}, {@code 2h}, {@code 1d} or ISO-8601 {@code PT10M}. */
  static Duration duration(String text) {
    if (text == null || text.isBlank()) {
      return Duration.ZERO;
    }
    String value = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
      char unit = value.charAt(value.length() - 1);
      long amount =
          Long.parseLong(Character.isDigit(unit) ? value : value.substring(0, value.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> {
          if (Character.isDigit(unit)) {
            yield Duration.ofSeconds(amount);
          }
          throw new NumberFormatException(value);
        }
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--grace must be a duration such as 30s, 10m, 2h or 1d: '" + text + "'");
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
