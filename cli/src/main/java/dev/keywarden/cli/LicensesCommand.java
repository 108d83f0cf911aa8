package dev.keywarden.cli;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.server.key.KeyViews;
import dev.keywarden.server.license.LicenseViews;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code keywarden licenses list|create}: the account's licenses, on a server or a store. */
@Command(
    name = "licenses",
    mixinStandardHelpOptions = true,
    description = "Licenses of the account: list, create.",
    subcommands = {LicensesCommand.ListLicenses.class, LicensesCommand.CreateLicense.class})
final class LicensesCommand {
  private LicensesCommand() {}

  /** {@code keywarden licenses list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List licenses with their id, name and default pool.")
  static final class ListLicenses extends ObjectCommand {
    @Override
    void onServer(KeywardenClient client) {
      client.listLicenses();
    }

    @Override
    Object onStore(Keywarden keywarden) {
      return keywarden.licenses().list(operator(keywarden)).stream()
          .map(LicenseViews::license)
          .toList();
    }

    @Override
    void print(JsonNode licenses) {
      List<List<String>> rows = new ArrayList<>();
      for (JsonNode license : licenses) {
        rows.add(
            java.util.Arrays.asList(
                Output.text(license, "id"),
                Output.text(license, "name"),
                Output.text(license, "default_pool"),
                Output.date(license, "created_at")));
      }
      Output.table(out(), List.of("ID", "NAME", "DEFAULT POOL", "CREATED"), rows);
    }
  }

  /** {@code keywarden licenses create <name>}: prints the new license's id on stdout. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a license with its default key and print the license's id.",
      footer = {
        "",
        "Its license file, with the default key, comes from"
            + " 'keywarden license-file download --license <id>'."
      })
  static final class CreateLicense extends ObjectCommand {
    @Parameters(paramLabel = "<name>", description = "The license's name.")
    String name;

    @Override
    void onServer(KeywardenClient client) {
      client.createLicense(name);
    }

    @Override
    Object onStore(Keywarden keywarden) {
      LicenseService.Created created = keywarden.licenses().create(operator(keywarden), name);
      return LicenseViews.license(created.license(), KeyViews.created(created.defaultKey()));
    }

    @Override
    void print(JsonNode license) {
      err().println("License '" + Output.text(license, "name") + "' created with its default key.");
      out().println(Output.text(license, "id"));
    }
  }
}
