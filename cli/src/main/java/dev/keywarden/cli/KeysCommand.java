package dev.keywarden.cli;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.core.Caller;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.Expiry;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.server.key.KeyViews;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * {@code keywarden keys ...}: API keys, against a server (the caller's own keys, or with {@code
 * --license} a license's) or on a store (a user's keys with {@code --user}, or a license's).
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description =
        "API keys: list, create, regenerate, enable, disable, delete, import legacy ones.",
    footer = {
      "",
      "Against a server (--url) the keys are your own, or with --license <id> that license's.",
      "On a store (--data or --db-url) they are a user's (--user) or a license's (--license)."
    },
    subcommands = {
      KeysCommand.ListKeys.class,
      KeysCommand.Create.class,
      KeysCommand.Regenerate.class,
      KeysCommand.Enable.class,
      KeysCommand.Disable.class,
      KeysCommand.Delete.class,
      KeysCommand.ImportLegacy.class
    })
final class KeysCommand {
  static final String EXPIRES_HELP =
      "The day the key stops working, at 00:00 UTC (YYYY-MM-DD; default and latest: one year"
          + " from today).";

  private KeysCommand() {}

  /** The options naming whose keys a command acts on. */
  abstract static class KeySubcommand extends ObjectCommand {
    @Option(
        names = "--license",
        paramLabel = "<id>",
        description = "Act on this license's keys (administrators) instead of a user's.")
    Long license;

    @Option(
        names = "--user",
        paramLabel = "<username>",
        description = "On a store: act on this user's keys (against a server they are yours).")
    String user;

    /** Refuses {@code --user} against a server, where the keys are the caller's. */
    void noUserOnServer() {
      if (user != null) {
        throw CommandFailure.invalid(
            "--user works on a store; against a server the keys are your own (or a license's,"
                + " with --license).");
      }
    }

    /** On a store: a user's key needs {@code --user}, a license's {@code --license}. */
    void ownerOnStore() {
      if (user != null && license != null) {
        throw CommandFailure.invalid("Give --user or --license, not both.");
      }
      if (user == null && license == null) {
        throw CommandFailure.invalid(
            "On a store, name the key's owner with --user (or its license with --license).");
      }
    }

    /**
     * On a store, only license keys: a user's key is theirs to change (or an operator's to delete).
     */
    void licenseOnStore(String what) {
      if (license == null) {
        throw CommandFailure.invalid(
            "On a store, "
                + what
                + " works on a license's keys (--license); a user's own key is changed by that"
                + " user against a server, or deleted.");
      }
    }
  }

  /** {@code keywarden keys list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys with expiry, scopes, binding and last use, never secrets.")
  static final class ListKeys extends KeySubcommand {
    @Option(
        names = "--all",
        description = "Against a server: every key of the account (administrators).")
    boolean all;

    @Override
    void onServer(KeywardenClient client) {
      if (license != null) {
        client.listLicenseKeys(license);
      } else if (all || user != null) {
        client.listAccountKeys();
      } else {
        client.listKeys();
      }
    }

    @Override
    Object onStore(Keywarden keywarden) {
      Caller operator = operator(keywarden);
      List<ApiKey> keys =
          license != null
              ? keywarden.keys().listForLicense(operator, license)
              : keywarden.keys().listAccount(operator);
      return keys.stream().map(KeyViews::key).toList();
    }

    @Override
    String narrow(String answer) {
      if (user == null) {
        return answer;
      }
      ArrayNode mine = ((ArrayNode) Output.parse(answer)).arrayNode();
      Output.parse(answer)
          .forEach(
              key -> {
                if (user.equals(Output.text(key, "owner"))) {
                  mine.add(key);
                }
              });
      return Output.write(mine);
    }

    @Override
    void print(JsonNode keys) {
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode key : keys) {
        rows.add(
            List.of(
                Output.text(key, "name"),
                Output.text(key, "access_id"),
                nullToEmpty(Output.text(key, "owner")),
                nullToEmpty(Output.date(key, "expiration_date")),
                nullToEmpty(Output.list(key, "scopes")),
                nullToEmpty(Output.text(key, "binding")),
                status(key),
                nullToEmpty(Output.minute(key, "last_used_at"))));
      }
      Output.table(
          out(),
          List.of(
              "NAME", "ACCESS ID", "OWNER", "EXPIRES", "SCOPES", "BINDING", "STATUS", "LAST USED"),
          rows);
    }

    private static String status(JsonNode key) {
      List<String> parts = new ArrayList<>();
      parts.add(Output.flag(key, "enabled") ? "enabled" : "disabled");
      if (Output.flag(key, "default")) {
        parts.add("default");
      }
      if (Output.flag(key, "deprecated")) {
        parts.add("legacy v1");
      }
      return String.join(",", parts);
    }
  }

  /** {@code keywarden keys create <name> --scopes ...}: the token alone on stdout. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key and print its token, shown this once, alone on stdout.",
      footer = {
        "",
        "Everything else goes to stderr, so TOKEN=$(keywarden keys create ci --scopes Tasks)",
        "captures the token alone. With --json, the API's answer (the token is its \"value\")."
      })
  static final class Create extends KeySubcommand {
    @Parameters(
        paramLabel = "<name>",
        description = "The key's name, unique among its owner's (or license's) keys.")
    String name;

    @Option(
        names = "--scopes",
        required = true,
        split = ",",
        paramLabel = "<scope>",
        description =
            "What the key may do, one or more of Authentication, PublishApp, PublishAimms, Tasks,"
                + " APIKey, Session, Secret, User, Account (see 'keywarden scopes').")
    List<String> scopes;

    @Option(names = "--expires", paramLabel = "<YYYY-MM-DD>", description = EXPIRES_HELP)
    String expires;

    @Option(
        names = "--binding",
        paramLabel = "<binding>",
        description =
            "Where the key works: account (every license; the default) or license:<id> (that"
                + " license only).")
    String binding;

    @Option(names = "--description", paramLabel = "<text>", description = "Free text about it.")
    String description;

    @Override
    void onServer(KeywardenClient client) {
      noUserOnServer();
      dev.keywarden.client.NewKey request =
          dev.keywarden.client.NewKey.of(
                  name, scopes.stream().map(String::strip).toArray(String[]::new))
              .withExpirationDate(date(expires))
              .withBinding(binding)
              .withDescription(description);
      if (license == null) {
        client.createKey(request);
      } else {
        client.createLicenseKey(license, request);
      }
    }

    @Override
    Object onStore(Keywarden keywarden) {
      ownerOnStore();
      date(expires);
      NewKey request =
          new NewKey(
              name,
              KeyInputs.scopes(scopes, "scopes"),
              expires == null ? null : Expiry.parse(expires.strip(), "--expires"),
              binding == null ? null : KeyInputs.binding(binding),
              description,
              List.of(),
              null);
      Caller operator = operator(keywarden);
      CreatedKey created =
          license == null
              ? keywarden.keys().createForUser(operator, user, request)
              : keywarden.keys().createForLicense(operator, license, request);
      return KeyViews.created(created);
    }

    @Override
    void print(JsonNode key) {
      printToken(this, key, "created");
    }
  }

  /** {@code keywarden keys regenerate <name> [--grace 10m]}: the new token alone on stdout. */
  @Command(
      name = "regenerate",
      mixinStandardHelpOptions = true,
      description = "Give a key a new secret and print the new token alone on stdout.",
      footer = {
        "",
        "The access id and settings stay. The old secret stops working at once, or after --grace."
      })
  static final class Regenerate extends KeySubcommand {
    @Parameters(paramLabel = "<name>", description = "The key's name.")
    String name;

    @Option(
        names = "--grace",
        paramLabel = "<duration>",
        description = "How long the old secret keeps working, e.g. 30s, 10m, 2h, 1d (at most 7d).")
    String grace;

    @Override
    void onServer(KeywardenClient client) {
      noUserOnServer();
      Duration period = duration(grace);
      if (license == null) {
        client.regenerateKey(name, period);
      } else {
        client.regenerateLicenseKey(license, name, period);
      }
    }

    @Override
    Object onStore(Keywarden keywarden) {
      licenseOnStore("regenerate");
      return KeyViews.created(
          keywarden
              .keys()
              .regenerateForLicense(operator(keywarden), license, name, duration(grace)));
    }

    @Override
    void print(JsonNode key) {
      printToken(this, key, "regenerated");
    }
  }

  /** {@code keywarden keys enable <name>}. */
  @Command(
      name = "enable",
      mixinStandardHelpOptions = true,
      description = "Enable a disabled key again.")
  static final class Enable extends Toggle {
    Enable() {
      super(true);
    }
  }

  /** {@code keywarden keys disable <name>}: refused until enabled again; not deleted. */
  @Command(
      name = "disable",
      mixinStandardHelpOptions = true,
      description = "Disable a key: it is refused everywhere at once until enabled again.")
  static final class Disable extends Toggle {
    Disable() {
      super(false);
    }
  }

  abstract static class Toggle extends KeySubcommand {
    private final boolean enabled;

    @Parameters(paramLabel = "<name>", description = "The key's name.")
    String name;

    Toggle(boolean enabled) {
      this.enabled = enabled;
    }

    @Override
    void onServer(KeywardenClient client) {
      noUserOnServer();
      if (license == null) {
        client.setKeyEnabled(name, enabled);
      } else {
        client.setLicenseKeyEnabled(license, name, enabled);
      }
    }

    @Override
    Object onStore(Keywarden keywarden) {
      licenseOnStore(enabled ? "enable" : "disable");
      return KeyViews.key(
          keywarden.keys().setEnabledForLicense(operator(keywarden), license, name, enabled));
    }

    @Override
    void print(JsonNode key) {
      err().println("Key '" + name + "' " + (enabled ? "enabled." : "disabled."));
    }
  }

  /** {@code keywarden keys delete <name>}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a key for good: every application using it is refused at once.")
  static final class Delete extends KeySubcommand {
    @Parameters(paramLabel = "<name>", description = "The key's name.")
    String name;

    @Override
    void onServer(KeywardenClient client) {
      noUserOnServer();
      if (license == null) {
        client.deleteKey(name);
      } else {
        client.deleteLicenseKey(license, name);
      }
    }

    @Override
    Object onStore(Keywarden keywarden) {
      ownerOnStore();
      Caller operator = operator(keywarden);
      if (license == null) {
        keywarden.keys().deleteForUser(operator, user, name);
      } else {
        keywarden.keys().deleteForLicense(operator, license, name);
      }
      return null;
    }

    @Override
    void print(JsonNode none) {
      err().println("Key '" + name + "' deleted.");
    }
  }

  /** {@code keywarden keys import-v1 <name> --user ... --access-id ...}: secret from stdin. */
  @Command(
      name = "import-v1",
      mixinStandardHelpOptions = true,
      description = "Import a legacy v1 key, which works on the legacy API only (on a store).",
      footer = {"", "The secret is read from standard input, so that ps never shows it."})
  static final class ImportLegacy extends KeySubcommand {
    @Parameters(paramLabel = "<name>", description = "The key's name.")
    String name;

    @Option(
        names = "--access-id",
        required = true,
        paramLabel = "<access-id>",
        description = "The legacy key's access id, kept as it is.")
    String accessId;

    @Option(
        names = "--scopes",
        required = true,
        split = ",",
        paramLabel = "<scope>",
        description = "What the key may do (see 'keywarden scopes').")
    List<String> scopes;

    @Option(names = "--expires", paramLabel = "<YYYY-MM-DD>", description = EXPIRES_HELP)
    String expires;

    @Override
    boolean worksOnServer() {
      return false;
    }

    @Override
    void onServer(KeywardenClient client) {
      throw new IllegalStateException("import-v1 works on a store only");
    }

    @Override
    Object onStore(Keywarden keywarden) throws IOException {
      if (user == null) {
        throw CommandFailure.invalid("Name the key's owner with --user.");
      }
      date(expires);
      String secret =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      NewKey request =
          new NewKey(
              name,
              KeyInputs.scopes(scopes, "scopes"),
              expires == null ? null : Expiry.parse(expires.strip(), "--expires"),
              null,
              null,
              List.of(),
              null);
      ApiKey key =
          keywarden.keys().importLegacy(operator(keywarden), user, name, accessId, secret, request);
      return KeyViews.key(key);
    }

    @Override
    void print(JsonNode key) {
      err()
          .println(
              "Legacy key '"
                  + name
                  + "' imported (access id "
                  + Output.text(key, "access_id")
                  + ").");
    }
  }

  /** The token alone on stdout; what it is on stderr. */
  static void printToken(ObjectCommand command, JsonNode key, String verb) {
    String owner = Output.text(key, "owner");
    command
        .err()
        .println(
            "Key '"
                + Output.text(key, "name")
                + "' "
                + (owner == null ? "of " + Output.text(key, "binding") : "of " + owner)
                + " "
                + verb
                + " (access id "
                + Output.text(key, "access_id")
                + ", scopes "
                + Output.list(key, "scopes")
                + ", valid until "
                + Output.minute(key, "expiration_date").replace('T', ' ').replace("Z", " UTC")
                + "). Copy the token now: it is not shown again.");
    command.err().flush();
    command.out().println(Output.text(key, "value"));
  }

  /** {@code --expires}: a day. */
  static LocalDate date(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw CommandFailure.invalid("--expires must be a date, YYYY-MM-DD, not '" + text + "'.");
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
      throw CommandFailure.invalid(
          "--grace must be a duration such as 30s, 10m, 2h or 1d, not '" + text + "'.");
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
