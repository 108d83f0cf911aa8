package dev.keywarden.cli;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code keywarden} command. Operator commands ({@code account}, {@code license}, {@code key},
 * {@code serve}) work directly on the store; the others talk to a running server.
 *
 * <p>Exit codes: 0 success; 1 failure; 2 invalid input or usage; 3 not authenticated or not
 * allowed; 4 not found; 5 conflict; 6 storage or server unavailable.
 */
@Command(
    name = "keywarden",
    mixinStandardHelpOptions = true,
    versionProvider = KeywardenCli.Version.class,
    description = "Self-hosted API keys: create, verify, rotate and revoke.",
    subcommands = {
      AccountCommand.class,
      LicenseCommand.class,
      KeyCommand.class,
      ServeCommand.class,
      dev.keywarden.cli.remote.KeysCommand.class,
      dev.keywarden.cli.remote.LicensesCommand.class,
      dev.keywarden.cli.remote.UsersCommand.class,
      dev.keywarden.cli.remote.LicenseFileCommand.class,
      dev.keywarden.cli.remote.ScopesCommand.class,
      dev.keywarden.cli.remote.VerifyCommand.class,
      dev.keywarden.cli.remote.WhoamiCommand.class,
      dev.keywarden.cli.remote.CompletionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class KeywardenCli {
  private KeywardenCli() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code. */
  public static int run(String... args) {
    return run(
        new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
  }

  /** Runs the command line with its output and errors going to the given writers. */
  public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new KeywardenCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(KeywardenCli::handle);
    commandLine.setParameterExceptionHandler(
        (error, arguments) -> {
          error.getCommandLine().getErr().println("keywarden: " + error.getMessage());
          error
              .getCommandLine()
              .getErr()
              .println(
                  "Try '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return 2;
        });
    return commandLine.execute(args);
  }

  private static int handle(
      Exception error, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    commandLine.getErr().println("keywarden: " + message(error));
    return exitCode(error);
  }

  static String message(Exception error) {
    if (error instanceof KeywardenException keywarden) {
      return keywarden.getMessage();
    }
    if (error instanceof IllegalArgumentException || error instanceof IllegalStateException) {
      return error.getMessage();
    }
    return error.getClass().getSimpleName() + ": " + error.getMessage();
  }

  /** The exit code of an error. */
  public static int exitCode(Exception error) {
    if (error instanceof KeywardenException keywarden) {
      return exitCode(keywarden.code());
    }
    if (error instanceof IllegalArgumentException) {
      return 2;
    }
    if (error instanceof IllegalStateException) {
      return 6;
    }
    return 1;
  }

  /** The exit code of an error code. */
  public static int exitCode(ErrorCode code) {
    return switch (code.kind()) {
      case INVALID, MALFORMED, TOO_LARGE, UNSUPPORTED, METHOD_NOT_ALLOWED -> 2;
      case UNAUTHENTICATED, FORBIDDEN, THROTTLED -> 3;
      case NOT_FOUND -> 4;
      case CONFLICT -> 5;
      case UNAVAILABLE -> 6;
      case INTERNAL -> 1;
    };
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KeywardenCli.class.getPackage().getImplementationVersion();
      return new String[] {"keywarden " + (version == null ? "development" : version)};
    }
  }
}
