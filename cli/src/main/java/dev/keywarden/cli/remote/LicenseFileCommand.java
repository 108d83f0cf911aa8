package dev.keywarden.cli.remote;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.License;
import dev.keywarden.client.LicenseFileLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keywarden license-file download}: a license's file, with its default key's secret. */
@Command(
    name = "license-file",
    mixinStandardHelpOptions = true,
    description = "Download a license's file for client tools (it holds a secret).",
    subcommands = {LicenseFileCommand.Download.class})
public final class LicenseFileCommand {
  private LicenseFileCommand() {}

  /** {@code keywarden license-file download [--license <id>] [--output <file>]}. */
  @Command(
      name = "download",
      mixinStandardHelpOptions = true,
      description = {
        "Download a license file (it holds a secret). Without --output it goes to stdout.",
        "  Place it at ~/"
            + LicenseFileLocator.FILE_NAME
            + " or point KEYWARDEN_LICENSE_FILE at it."
      })
  static final class Download extends RemoteCommand {
    @Option(
        names = "--license",
        paramLabel = "<id>",
        description = "The license (default: the account's only license).")
    Long license;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "<file>",
        description = "Write to this file, readable only by you.")
    Path output;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Override
    int run(KeywardenClient client) throws IOException {
      long id = license != null ? license : onlyLicense(client);
      String text = client.licenseFile(id);
      if (output == null) {
        out().print(text);
        return 0;
      }
      if (Files.exists(output, LinkOption.NOFOLLOW_LINKS) && !force) {
        throw new IllegalArgumentException(output + " exists; pass --force to replace it.");
      }
      write(output, text);
      err().println("License file for license " + id + " written to " + output + ".");
      return 0;
    }

    private static long onlyLicense(KeywardenClient client) {
      List<License> licenses = client.listLicenses();
      if (licenses.size() != 1) {
        throw new IllegalArgumentException(
            "Pass --license <id>: the account has "
                + licenses.size()
                + " licenses (see 'keywarden licenses list').");
      }
      return licenses.get(0).id();
    }

    /** Writes owner-only (where the file system has POSIX permissions), then moves into place. */
    private static void write(Path target, String text) throws IOException {
      Path absolute = target.toAbsolutePath();
      Path temporary = Files.createTempFile(absolute.getParent(), ".keywarden", ".lic");
      try {
        if (Files.getFileAttributeView(
                temporary, java.nio.file.attribute.PosixFileAttributeView.class)
            != null) {
          Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temporary);
      }
    }
  }
}
