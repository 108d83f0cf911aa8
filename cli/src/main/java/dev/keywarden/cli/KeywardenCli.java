package dev.keywarden.cli;

import dev.keywarden.cli.remote.RemoteEnvironment;
import dev.keywarden.cli.remote.RemoteOptions;
import dev.keywarden.client.KeywardenApiException;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code keywarden} command. One noun per kind of object ({@code keys}, {@code licenses},
 * {@code users}, {@code accounts}), each against a running server or directly on a store; {@code
 * serve} runs the server and {@code config} shows its settings.
 *
 * <p>Exit codes: 0 success; 1 failure; 2 invalid input or usage; 3 not authenticated or not
 * allowed; 4 not found; 5 conflict; 6 storage or server unavailable.
 */
@Command(
    name = "keywarden",
    mixinStandardHelpOptions = true,
    versionProvider = KeywardenCli.Version.class,
    description = "Self-hosted API keys: create, verify, rotate and revoke.",
    footer = {
      "",
      "keys, licenses and users work against a server (--url, KEYWARDEN_URL) or directly on a",
      "store (--data, --db-url); see 'keywarden <command> --help'. Exit codes: 0 ok, 1 failure",
      "(verify: not valid), 2 invalid input, 3 not allowed, 4 not found, 5 conflict, 6 unavailable."
    },
    subcommands = {
      KeysCommand.class,
      LicensesCommand.class,
      UsersCommand.class,
      AccountsCommand.class,
      ServeCommand.class,
      ConfigCommand.class,
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
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs the command line with its output and errors going to the given writers. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    Legacy.Rewritten rewritten = Legacy.rewrite(args, RemoteEnvironment::variable);
    if (rewritten.notice() != null) {
      err.println(rewritten.notice());
    }
    Configuration configuration;
    try {
      configuration = Configuration.load(RemoteEnvironment::variable, configFlag(rewritten.args()));
    } catch (CommandFailure e) {
      err.println("keywarden: " + e.getMessage());
      return e.exitCode();
    }
    configuration.install();
    CommandLine commandLine = commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setDefaultValueProvider(new SettingDefaults(configuration));
    commandLine.setExecutionExceptionHandler(
        (error, command, parsed) -> {
          command.getErr().println("keywarden: " + message(error));
          return exitCode(error);
        });
    commandLine.setParameterExceptionHandler(
        (error, arguments) -> {
          String message = Output.sentence(error.getMessage());
          error
              .getCommandLine()
              .getErr()
              .println(
                  "keywarden: "
                      + message.substring(0, message.length() - 1)
                      + " (see '"
                      + error.getCommandLine().getCommandSpec().qualifiedName()
                      + " --help').");
          return 2;
        });
    return commandLine.execute(rewritten.args());
  }

  /** The command tree; {@code -V/--version} only on {@code keywarden} itself. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new KeywardenCli());
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      removeVersionOption(sub);
    }
    return commandLine;
  }

  private static void removeVersionOption(CommandLine command) {
    CommandLine.Model.OptionSpec version = command.getCommandSpec().findOption("--version");
    if (version != null) {
      command.getCommandSpec().remove(version);
    }
    command.getSubcommands().values().forEach(KeywardenCli::removeVersionOption);
  }

  /** {@code --config <file>} or {@code --config=<file>}, read before picocli parses the rest. */
  private static String configFlag(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--")) {
        return null;
      }
      if (args[i].equals("--config") && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith("--config=")) {
        return args[i].substring("--config=".length());
      }
    }
    return null;
  }

  /** An error as one sentence, with its stable code (and field) once, in parentheses. */
  static String message(Exception error) {
    if (error instanceof KeywardenApiException api) {
      if (api.status() == 0) {
        return Output.sentence(api.getMessage());
      }
      String extra =
          api.code()
              + (api.field() == null ? "" : ", field " + api.field())
              + (api.retryAfter() == null
                  ? ""
                  : ", retry in " + api.retryAfter().toSeconds() + " s");
      return withCode(api.getMessage(), extra);
    }
    if (error instanceof KeywardenException keywarden) {
      return withCode(
          keywarden.getMessage(),
          keywarden.code().name()
              + (keywarden.field() == null ? "" : ", field " + keywarden.field()));
    }
    if (error instanceof CommandFailure
        || error instanceof RemoteOptions.MissingCredentialException
        || error instanceof IllegalArgumentException
        || error instanceof IllegalStateException
        || error instanceof UncheckedIOException) {
      return Output.sentence(error.getMessage());
    }
    return Output.sentence(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  /** {@code detail (extra).}, or {@code detail.} when the detail already ends in parentheses. */
  private static String withCode(String detail, String extra) {
    String sentence = Output.sentence(detail);
    String bare = sentence.substring(0, sentence.length() - 1);
    return bare.endsWith(")") ? sentence : bare + " (" + extra + ").";
  }

  /** The exit code of an error. */
  public static int exitCode(Exception error) {
    if (error instanceof KeywardenApiException api) {
      return switch (api.kind()) {
        case INVALID -> 2;
        case UNAUTHENTICATED, FORBIDDEN, THROTTLED -> 3;
        case NOT_FOUND -> 4;
        case CONFLICT -> 5;
        case UNAVAILABLE -> 6;
        case OTHER -> 1;
      };
    }
    if (error instanceof KeywardenException keywarden) {
      return exitCode(keywarden.code());
    }
    if (error instanceof CommandFailure failure) {
      return failure.exitCode();
    }
    if (error instanceof RemoteOptions.MissingCredentialException) {
      return 3;
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

  /** This build's version, from the version resource the build writes. */
  public static String version() {
    Properties properties = new Properties();
    try (InputStream in = KeywardenCli.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }

  /** {@code keywarden --version}: the build's own version. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"keywarden " + version()};
    }
  }
}
