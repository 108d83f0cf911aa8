package dev.keywarden.cli.remote;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.VerifyResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keywarden verify <token>}: asks the server whether a key is usable, as a platform service
 * would. Exit code 0 when valid, 1 when not (the reason code is printed).
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check whether a key is valid (your key needs the APIKey scope).",
      "  Exit code 0 when valid, 1 when not; the reason code is printed."
    })
public final class VerifyCommand extends RemoteCommand {
  @Parameters(
      paramLabel = "<token>",
      description = "The key to check, or - to read it from stdin (keeps it out of ps).")
  String token;

  @Option(
      names = "--scopes",
      split = ",",
      paramLabel = "<scope>",
      description = "Scopes the key must carry.")
  List<String> scopes;

  @Option(names = "--license", paramLabel = "<id>", description = "License the key must reach.")
  Long license;

  @Override
  int run(KeywardenClient client) throws IOException {
    String presented = token.equals("-") ? readStdin() : token.strip();
    VerifyResult result = client.verify(presented, scopes == null ? List.of() : scopes, license);
    if (json()) {
      printAnswer();
    } else if (result.valid()) {
      out()
          .println(
              "VALID  access id "
                  + result.accessId()
                  + ", account "
                  + result.account()
                  + (result.owner() == null ? "" : ", owner " + result.owner())
                  + ", scopes "
                  + String.join(",", result.scopes())
                  + ", binding "
                  + result.binding()
                  + ", expires "
                  + (result.expiresAt() == null
                      ? "-"
                      : result.expiresAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate()));
    } else {
      out().println(result.code());
    }
    return result.valid() ? 0 : 1;
  }

  private static String readStdin() throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isBlank()) {
      throw new IllegalArgumentException("No token on standard input.");
    }
    return line.strip();
  }
}
