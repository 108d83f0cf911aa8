package dev.keywarden.cli;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.license.LicenseService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keywarden license ...}: licenses, directly on the store. */
@Command(
    name = "license",
    mixinStandardHelpOptions = true,
    description = "Manage licenses (operator, directly on the store).",
    subcommands = {LicenseCommand.Create.class, LicenseCommand.ListLicenses.class})
final class LicenseCommand {

  /** {@code keywarden license create --account <account> --name <name>}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a license and its default key; prints the license id.")
  static final class Create implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Mixin AccountOption account;

    @Option(names = "--name", required = true, paramLabel = "<name>")
    String name;

    @Override
    public Integer call() {
      try (Keywarden keywarden = store.open()) {
        LicenseService.Created created =
            keywarden.licenses().create(account.operator(keywarden), name);
        spec.commandLine().getOut().println(created.license().id());
      }
      return 0;
    }
  }

  /** {@code keywarden license list --account <account>}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List licenses.")
  static final class ListLicenses implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin StoreOptions store;

    @Mixin AccountOption account;

    @Override
    public Integer call() {
      try (Keywarden keywarden = store.open()) {
        for (var license : keywarden.licenses().list(account.operator(keywarden))) {
          spec.commandLine().getOut().println(license.id() + "\t" + license.name());
        }
      }
      return 0;
    }
  }
}
