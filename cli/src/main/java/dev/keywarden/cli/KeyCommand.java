package dev.keywarden.cli;

import dev.keywarden.core.Caller;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.Expiry;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.verification.Binding;
import dev.keywarden.verification.Scope;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keywarden key ...}: API keys, directly on the store. */
@Command(
    name = "key",
    mixinStandardHelpOptions = true,
    description = "Manage API keys (operator, directly on the store).",
    subcommands = {
      KeyCommand.Create.class,
      KeyCommand.ListKeys.class,
      KeyCommand.Delete.class,
      KeyCommand.ImportLegacy.class
    })
final class KeyCommand {

  /** {@code keywarden key create ...}: prints the token alone on the last line. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a key for a user; prints its token once, alone on the last line.")
  static final class Create implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Mixin UserKeyOptions target;

    @Option(
        names = "--scopes",
        required = true,
        paramLabel = "<Scope,...>",
        split = ",",
        description = "One or more of: ${COMPLETION-CANDIDATES}")
    List<String> scopes;

    @Option(
        names = "--expires",
        paramLabel = "<YYYY-MM-DD>",
        description = "Expiry date (default and maximum: one year).")
    String expires;

    @Option(names = "--license", paramLabel = "<id>", description = "Bind the key to one license.")
    Long license;

    @Override
    public Integer call() {
      NewKey request =
          new NewKey(
              target.name,
              scopes(scopes),
              expiry(expires),
              license == null ? Binding.ACCOUNT : Binding.license(license),
              null,
              List.of(),
              null);
      try (Keywarden keywarden = store.open()) {
        Caller operator = target.account.operator(keywarden);
        CreatedKey created = keywarden.keys().createForUser(operator, target.user, request);
        var out = spec.commandLine().getOut();
        out.println(
            "Key '"
                + created.key().name()
                + "' created for "
                + target.user
                + " (access id "
                + created.key().accessId()
                + ", expires "
                + created.key().expiresAt()
                + "). Copy the token now: it is not shown again.");
        out.println(created.token());
        out.flush();
      }
      return 0;
    }
  }

  /** {@code keywarden key list --account <account> [--user <username>]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List keys (never secrets).")
  static final class ListKeys implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Mixin AccountOption account;

    @Option(names = "--user", paramLabel = "<username>")
    String user;

    @Override
    public Integer call() {
      try (Keywarden keywarden = store.open()) {
        Caller operator = account.operator(keywarden);
        var out = spec.commandLine().getOut();
        out.printf(
            "%-24s %-18s %-12s %-22s %s%n", "NAME", "ACCESS ID", "OWNER", "EXPIRES", "SCOPES");
        for (ApiKey key : keywarden.keys().listAccount(operator)) {
          if (user != null && !user.equals(key.ownerUsername())) {
            continue;
          }
          out.printf(
              "%-24s %-18s %-12s %-22s %s%n",
              key.name(),
              key.accessId(),
              key.ownerUsername() == null ? key.binding().text() : key.ownerUsername(),
              key.expiresAt(),
              key.scopes());
        }
      }
      return 0;
    }
  }

  /** {@code keywarden key delete --account <account> --user <username> --name <name>}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user's key.")
  static final class Delete implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Mixin UserKeyOptions target;

    @Override
    public Integer call() {
      try (Keywarden keywarden = store.open()) {
        keywarden
            .keys()
            .deleteForUser(target.account.operator(keywarden), target.user, target.name);
        spec.commandLine()
            .getOut()
            .println("Key '" + target.name + "' of " + target.user + " deleted.");
      }
      return 0;
    }
  }

  /** {@code keywarden key import-v1 ...}: a legacy key, secret from standard input. */
  @Command(
      name = "import-v1",
      mixinStandardHelpOptions = true,
      description = "Import a legacy v1 key (usable only on the legacy API); secret on stdin.")
  static final class ImportLegacy implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Mixin UserKeyOptions target;

    @Option(names = "--access-id", required = true, paramLabel = "<access-id>")
    String accessId;

    @Option(names = "--scopes", required = true, paramLabel = "<Scope,...>", split = ",")
    List<String> scopes;

    @Option(names = "--expires", paramLabel = "<YYYY-MM-DD>")
    String expires;

    @Override
    public Integer call() throws IOException {
      String secret =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      NewKey request =
          new NewKey(target.name, scopes(scopes), expiry(expires), null, null, List.of(), null);
      try (Keywarden keywarden = store.open()) {
        Caller operator = target.account.operator(keywarden);
        ApiKey key =
            keywarden
                .keys()
                .importLegacy(operator, target.user, target.name, accessId, secret, request);
        spec.commandLine()
            .getOut()
            .println(
                "Legacy key '" + key.name() + "' imported (access id " + key.accessId() + ").");
      }
      return 0;
    }
  }

  static Set<Scope> scopes(List<String> names) {
    return KeyInputs.scopes(names, "scopes");
  }

  static java.time.Instant expiry(String date) {
    return date == null ? null : Expiry.parse(date, "--expires");
  }
}
