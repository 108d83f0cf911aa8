package dev.keywarden.cli;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.account.AccountService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code keywarden account ...}: accounts, directly on the store. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Manage accounts (operator, directly on the store).",
    subcommands = {AccountCommand.Create.class, AccountCommand.ListAccounts.class})
final class AccountCommand {

  /** {@code keywarden account create <account> --admin <username>}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an account and its first administrator.")
  static final class Create implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Parameters(paramLabel = "<account>", description = "Account name, as in <account>.<domain>.")
    String name;

    @Option(
        names = "--admin",
        required = true,
        paramLabel = "<username>",
        description = "First admin.")
    String admin;

    @Option(
        names = "--admin-password-stdin",
        description = "Read the admin password from standard input (else one is generated).")
    boolean passwordFromStdin;

    @Override
    public Integer call() throws IOException {
      AccountService.checkName(name);
      String password = passwordFromStdin ? readPassword() : null;
      try (Keywarden keywarden = store.open()) {
        AccountService.Created created = keywarden.accounts().create(name, admin, password);
        var out = spec.commandLine().getOut();
        out.println(
            "Account " + created.account().name() + " created with administrator " + admin + ".");
        if (created.passwordGenerated()) {
          out.println("Generated password (shown once): " + created.password());
        }
        out.flush();
      }
      return 0;
    }

    private static String readPassword() throws IOException {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = reader.readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--admin-password-stdin: no password on standard input");
      }
      return line;
    }
  }

  /** {@code keywarden account list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts.")
  static final class ListAccounts implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Override
    public Integer call() {
      try (Keywarden keywarden = store.open()) {
        keywarden
            .accounts()
            .list()
            .forEach(account -> spec.commandLine().getOut().println(account.name()));
      }
      return 0;
    }
  }
}
