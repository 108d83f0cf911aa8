package dev.keywarden.cli;

/**
 * A failure the command line reports as one sentence on stderr with its exit code: 2 invalid input
 * or usage, 4 not found, 6 store or server unavailable (the codes of {@link KeywardenCli}).
 */
public final class CommandFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private CommandFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Invalid input or usage: exit code 2. */
  public static CommandFailure invalid(String message) {
    return new CommandFailure(message, 2);
  }

  /** No such store: exit code 6 (the store is unavailable to this command). */
  public static CommandFailure unavailable(String message) {
    return new CommandFailure(message, 6);
  }

  /** The exit code. */
  public int exitCode() {
    return exitCode;
  }
}
