package dev.keywarden.cli;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.server.user.UserViews;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/**
 * {@code keywarden accounts list|create}: accounts, on the store only (the API serves one account
 * at a time and has no way to make another).
 */
@Command(
    name = "accounts",
    mixinStandardHelpOptions = true,
    description = "Accounts (tenants), on a store only: list, create.",
    subcommands = {AccountsCommand.ListAccounts.class, AccountsCommand.CreateAccount.class})
final class AccountsCommand {
  private AccountsCommand() {}

  /**
   * An account as the command line prints it with {@code --json}: the operator's own shape, as the
   * API has none; an account just created carries its first administrator.
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record AccountView(String name, Instant createdAt, UserViews.UserView admin) {
    static AccountView of(Account account) {
      return new AccountView(account.name(), account.createdAt(), null);
    }
  }

  abstract static class StoreOnly extends ObjectCommand {
    @Override
    boolean worksOnServer() {
      return false;
    }

    @Override
    void onServer(KeywardenClient client) {
      throw new IllegalStateException("accounts work on a store only");
    }
  }

  /** {@code keywarden accounts list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
  static final class ListAccounts extends StoreOnly {
    @Override
    Object onStore(Keywarden keywarden) {
      return keywarden.accounts().list().stream().map(AccountView::of).toList();
    }

    @Override
    void print(JsonNode accounts) {
      Output.table(
          out(),
          List.of("ACCOUNT", "CREATED"),
          accounts
              .valueStream()
              .map(
                  account ->
                      java.util.Arrays.asList(
                          Output.text(account, "name"), Output.date(account, "created_at")))
              .toList());
    }
  }

  /** {@code keywarden accounts create <account> --admin <username>}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an account and its first administrator.",
      footer = {
        "",
        "A generated password is printed once, alone on stdout; with --admin-password-stdin the",
        "password is read from standard input instead. The store is created if it is new."
      })
  static final class CreateAccount extends StoreOnly {
    @Parameters(
        paramLabel = "<account>",
        description = "The account's name, as in <account>.<base-domain>.")
    String name;

    @Option(
        names = "--admin",
        required = true,
        paramLabel = "<username>",
        description = "The first administrator's user name.")
    String admin;

    @Option(
        names = "--admin-password-stdin",
        description = "Read the administrator's password from standard input.")
    boolean passwordFromStdin;

    private String generated;

    @Override
    boolean createsStore() {
      return true;
    }

    @Override
    Object onStore(Keywarden keywarden) throws IOException {
      AccountService.checkName(name);
      String password = passwordFromStdin ? UsersCommand.readLine("--admin-password-stdin") : null;
      AccountService.Created created = keywarden.accounts().create(name, admin, password);
      if (created.passwordGenerated()) {
        generated = created.password();
      }
      return new AccountView(
          created.account().name(), created.account().createdAt(), UserViews.user(created.admin()));
    }

    @Override
    void print(JsonNode account) {
      printCreated("Account " + name + " created with administrator " + admin + ".");
    }

    @Override
    String generatedPassword() {
      return generated;
    }
  }
}
