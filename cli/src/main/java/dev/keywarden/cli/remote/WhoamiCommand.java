package dev.keywarden.cli.remote;

import dev.keywarden.client.CurrentCaller;
import dev.keywarden.client.KeywardenClient;
import picocli.CommandLine.Command;

/** {@code keywarden whoami}: which account, user and key the server sees behind the credential. */
@Command(
    name = "whoami",
    mixinStandardHelpOptions = true,
    description = "Show the account, user and key the server sees behind your credential.")
public final class WhoamiCommand extends RemoteCommand {
  @Override
  int run(KeywardenClient client) {
    CurrentCaller caller = client.currentCaller();
    if (json()) {
      printAnswer();
      return 0;
    }
    out().println("account  " + caller.account());
    String user =
        caller.user() == null
            ? "- (a license's key, acting as " + caller.role() + ")"
            : caller.user().username() + " (" + caller.role() + ")";
    out().println("user     " + user);
    if (caller.accessId() != null) {
      out().println("key      " + caller.accessId());
      out().println("scopes   " + String.join(",", caller.scopes()));
      out().println("binding  " + caller.binding());
    }
    return 0;
  }
}
