package dev.keywarden.cli.remote;

import dev.keywarden.cli.Output;
import dev.keywarden.client.AuthorizationScope;
import dev.keywarden.client.KeywardenClient;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code keywarden scopes}: the scopes a key may carry. */
@Command(
    name = "scopes",
    mixinStandardHelpOptions = true,
    description = "List the scopes a key may carry, with what each allows.")
public final class ScopesCommand extends RemoteCommand {
  @Override
  int run(KeywardenClient client) {
    List<AuthorizationScope> scopes = client.scopes();
    if (json()) {
      printAnswer();
      return 0;
    }
    Output.table(
        out(),
        List.of("SCOPE", "DESCRIPTION"),
        scopes.stream().map(scope -> List.of(scope.name(), scope.description())).toList());
    return 0;
  }
}
