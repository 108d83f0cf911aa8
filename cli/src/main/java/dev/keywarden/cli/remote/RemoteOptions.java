package dev.keywarden.cli.remote;

import dev.keywarden.client.Credential;
import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.LicenseFile;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the server is and who is asking, for every remote command. The credential comes from {@code
 * --token}, else {@code KEYWARDEN_TOKEN}, else the license file ({@code KEYWARDEN_LICENSE_FILE},
 * {@code ~/keywarden.lic}, then the shared location). The server comes from {@code --host}, else
 * {@code KEYWARDEN_URL}, else the license file's {@code CLOUDHOST}, else {@code
 * http://localhost:8080}.
 */
final class RemoteOptions {
  static final String DEFAULT_URL = "http://localhost:8080";

  @Option(
      names = "--host",
      paramLabel = "<url>",
      description =
          "Server URL, e.g. http://acme.localhost:8080 (default: $KEYWARDEN_URL, the license"
              + " file's CLOUDHOST, or "
              + DEFAULT_URL
              + ").")
  String host;

  @Option(
      names = "--account",
      paramLabel = "<account>",
      description = "Account, when the URL does not name it (default: $KEYWARDEN_ACCOUNT).")
  String account;

  @Option(
      names = "--token",
      paramLabel = "<token>",
      description =
          "API key to authenticate with (prefer $KEYWARDEN_TOKEN: command lines are visible to"
              + " other users; default: the license file's key).")
  String token;

  @Option(names = "--json", description = "Print JSON for scripts instead of tables.")
  boolean json;

  private LicenseFile licenseFile;
  private boolean licenseFileLooked;

  /** A client for the resolved server, account and credential. */
  KeywardenClient client() {
    return KeywardenClient.builder()
        .baseUrl(url())
        .account(account != null ? account : RemoteEnvironment.variable("KEYWARDEN_ACCOUNT"))
        .credential(credential())
        .build();
  }

  private String url() {
    if (host != null && !host.isBlank()) {
      return host.strip();
    }
    String fromEnvironment = RemoteEnvironment.variable("KEYWARDEN_URL");
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    return licenseFile().flatMap(LicenseFile::host).orElse(DEFAULT_URL);
  }

  private Credential credential() {
    if (token != null && !token.isBlank()) {
      return Credential.token(token);
    }
    String fromEnvironment = RemoteEnvironment.variable("KEYWARDEN_TOKEN");
    if (fromEnvironment != null) {
      return Credential.token(fromEnvironment);
    }
    return licenseFile()
        .map(LicenseFile::credential)
        .orElseThrow(
            () ->
                new MissingCredentialException(
                    "No credential: pass --token, set KEYWARDEN_TOKEN, or install a license file"
                        + " ("
                        + RemoteEnvironment.locator().candidates()
                        + ")"));
  }

  private Optional<LicenseFile> licenseFile() {
    if (!licenseFileLooked) {
      licenseFile = RemoteEnvironment.locator().find().orElse(null);
      licenseFileLooked = true;
    }
    return Optional.ofNullable(licenseFile);
  }

  /** No credential anywhere: the user is not authenticated (exit code 3). */
  static final class MissingCredentialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingCredentialException(String message) {
      super(message);
    }
  }
}
