package dev.keywarden.cli;

import dev.keywarden.core.Caller;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.account.Account;
import picocli.CommandLine.Option;

/** {@code --account <account>}: the account an operator command acts on. */
final class AccountOption {
  @Option(names = "--account", required = true, paramLabel = "<account>", description = "Account.")
  String account;

  /** The operator acting on the named account (not found: exit 4). */
  Caller operator(Keywarden keywarden) {
    Account found = keywarden.accounts().require(account);
    return Caller.operator(found.id(), found.name());
  }
}
