package dev.keywarden.cli.remote;

import dev.keywarden.client.KeywardenClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that only talks to a running server. Runs {@link #run(KeywardenClient)}; failures are
 * reported by the command line's one error handler as one sentence and the documented exit code.
 */
abstract class RemoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RemoteOptions remote;

  private final AtomicReference<String> answer = new AtomicReference<>();

  /** The command's work; returns the exit code. */
  abstract int run(KeywardenClient client) throws Exception;

  @Override
  public final Integer call() throws Exception {
    try (KeywardenClient client = remote.client(answer::set)) {
      return run(client);
    } finally {
      out().flush();
      err().flush();
    }
  }

  /** The body of the last answer, exactly as the server sent it. */
  String answer() {
    return answer.get();
  }

  /** Prints the last answer as it came (for {@code --json}). */
  void printAnswer() {
    out().println(answer());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return remote.json();
  }
}
