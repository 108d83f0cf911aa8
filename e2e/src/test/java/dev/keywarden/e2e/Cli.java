package dev.keywarden.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The {@code keywarden} command run as users run it, through the launcher, as a process. */
public final class Cli {
  private Cli() {}

  /**
   * What a command printed and how it exited.
   *
   * @param exitCode the process's exit code
   * @param stdout what it wrote to standard output
   * @param stderr what it wrote to standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs {@code keywarden <arguments>} on a store (its options are appended). */
  public static Result onStore(Store store, String... arguments) {
    List<String> command = new ArrayList<>(List.of(arguments));
    command.addAll(store.options());
    return run(command, Map.of(), null);
  }

  /** Runs {@code keywarden <arguments>} with extra environment and text on standard input. */
  public static Result run(List<String> arguments, Map<String, String> env, String stdin) {
    try {
      Process process = ServerProcess.launcher(arguments, env).start();
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      var stderr = process.getErrorStream();
      var err = new StringBuilder();
      Thread drain =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      err.append(new String(stderr.readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException ignored) {
                      // the process is gone
                    }
                  });
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keywarden " + arguments + " did not finish");
      }
      drain.join();
      return new Result(process.exitValue(), out, err.toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
