package dev.keywarden.cli.remote;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code keywarden completion}: a bash (and zsh) completion script for every command. */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = "Print a bash completion script for every command.",
    footer = {
      "",
      "Load it with: source <(keywarden completion)",
      "(zsh: autoload -U +X bashcompinit && bashcompinit first)."
    })
public final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    CommandSpec root = spec.root();
    spec.commandLine().getOut().print(AutoComplete.bash(root.name(), root.commandLine()));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
