package dev.keywarden.cli.remote;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.License;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code keywarden licenses list}: the account's licenses on a running server. */
@Command(
    name = "licenses",
    mixinStandardHelpOptions = true,
    description = "The account's licenses on a running server.",
    subcommands = {LicensesCommand.ListLicenses.class})
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
}
