package dev.keywarden.cli.remote;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.License;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code keywarden licenses list|create}: the account's licenses on a running server. */
@Command(
    name = "licenses",
    mixinStandardHelpOptions = true,
    description = "The account's licenses on a running server.",
    subcommands = {LicensesCommand.ListLicenses.class, LicensesCommand.CreateLicense.class})
public final class LicensesCommand {
  private LicensesCommand() {}

  /** {@code keywarden licenses list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List licenses: id, name, default pool.")
  static final class ListLicenses extends RemoteCommand {
    @Override
    int run(KeywardenClient client) {
      List<License> licenses = client.listLicenses();
      if (json()) {
        Output.json(out(), licenses);
        return 0;
      }
      Output.table(
          out(),
          List.of("ID", "NAME", "DEFAULT POOL", "CREATED"),
          licenses.stream()
              .map(
                  license ->
                      java.util.Arrays.asList(
                          Long.toString(license.id()),
                          license.name(),
                          license.defaultPool(),
                          Output.date(license.createdAt())))
              .toList());
      return 0;
    }
  }

  /** {@code keywarden licenses create <name>}: prints the new license's id on stdout. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a license with its default key; prints its id (download its license file with"
              + " license-file download --license <id>).")
  static final class CreateLicense extends RemoteCommand {
    @picocli.CommandLine.Parameters(paramLabel = "<name>", description = "The license's name.")
    String name;

    @Override
    int run(KeywardenClient client) {
      License license = client.createLicense(name);
      if (json()) {
        Output.json(out(), license);
      } else {
        out().println(license.id());
      }
      return 0;
    }
  }
}
