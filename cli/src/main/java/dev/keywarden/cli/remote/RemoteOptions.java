package dev.keywarden.cli.remote;

import dev.keywarden.client.Credential;
import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.LicenseFile;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the server is and who is asking, for every remote command. The credential comes from {@code
 * --token}, else {@code KEYWARDEN_TOKEN}, else the license file ({@code KEYWARDEN_LICENSE_FILE},
 * {@code ~/keywarden.lic}, then the shared location). The server comes from {@code --url}, else
 * {@code KEYWARDEN_URL}, else the license file's {@code CLOUDHOST}, else {@code
 * http://localhost:8080}.
 */
public final class RemoteOptions {
  static final String DEFAULT_URL = "http://localhost:8080";

  @Option(
      names = "--url",
      paramLabel = "<url>",
      description =
          "Server, e.g. http://acme.localhost:8080 (default: KEYWARDEN_URL, the license file's"
              + " CLOUDHOST, or "
              + DEFAULT_URL
              + ").")
  String url;

  @Option(
      names = "--account",
      paramLabel = "<account>",
      description =
          "Account: against a server, when the URL does not name it; on a store, the one to act"
              + " on (default: KEYWARDEN_ACCOUNT, else the configured default account).")
  String account;

  @Option(
      names = "--token",
      paramLabel = "<token>",
      description =
          "API key to present to the server (prefer KEYWARDEN_TOKEN: ps shows command lines;"
              + " default: the license file's key).")
  String token;

  @Option(
      names = "--json",
      description = "Print the API's JSON (stable, for scripts) instead of text for people.")
  boolean json;

  private LicenseFile licenseFile;
  private boolean licenseFileLooked;

  /** A client for the resolved server, account and credential. */
  public KeywardenClient client() {
    return client(body -> {});
  }

  /** A client that hands every successful answer's body to {@code answers}. */
  public KeywardenClient client(java.util.function.Consumer<String> answers) {
    return KeywardenClient.builder()
        .baseUrl(url())
        .account(account != null ? account : RemoteEnvironment.variable("KEYWARDEN_ACCOUNT"))
        .credential(credential())
        .answerListener(answers)
        .build();
  }

  /** The account given with {@code --account} (or its environment variable), or null. */
  public String account() {
    return account != null ? account : RemoteEnvironment.variable("KEYWARDEN_ACCOUNT");
  }

  /** Whether {@code --json} was given. */
  public boolean json() {
    return json;
  }

  private String url() {
    if (url != null && !url.isBlank()) {
      return url.strip();
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
      try {
        licenseFile = RemoteEnvironment.locator().find().orElse(null);
      } catch (IllegalStateException e) {
        // KEYWARDEN_LICENSE_FILE names nothing usable: a setting to fix, not an outage.
        throw dev.keywarden.cli.CommandFailure.invalid(e.getMessage());
      }
      licenseFileLooked = true;
    }
    return Optional.ofNullable(licenseFile);
  }

  /** No credential anywhere: the user is not authenticated (exit code 3). */
  public static final class MissingCredentialException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MissingCredentialException(String message) {
      super(message);
    }
  }
}
