package dev.keywarden.cli.remote;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.client.User;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keywarden users list|create|delete}: the account's users on a running server. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "The account's users on a running server (administrators).",
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.CreateUser.class,
      UsersCommand.DeleteUser.class
    })
public final class UsersCommand {
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private UsersCommand() {}

  /** {@code keywarden users list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and roles.")
  static final class ListUsers extends RemoteCommand {
    @Override
    int run(KeywardenClient client) {
      List<User> users = client.listUsers();
      if (json()) {
        Output.json(out(), users);
        return 0;
      }
      Output.table(
          out(),
          List.of("USERNAME", "ROLE", "CREATED"),
          users.stream()
              .map(
                  user ->
                      java.util.Arrays.asList(
                          user.username(), user.role(), Output.date(user.createdAt())))
              .toList());
      return 0;
    }
  }

  /** {@code keywarden users create <username> [--role admin] [--password-stdin]}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a user; the password comes from stdin, or is generated and printed once.")
  static final class CreateUser extends RemoteCommand {
    @Parameters(paramLabel = "<username>", description = "The new user's name.")
    String username;

    @Option(
        names = "--role",
        paramLabel = "<role>",
        defaultValue = "member",
        description = "member or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordFromStdin;

    @Override
    int run(KeywardenClient client) throws IOException {
      String password = passwordFromStdin ? readPassword() : generatePassword();
      User user = client.createUser(username, password, role);
      if (json()) {
        Output.json(out(), user);
      } else {
        out().println("User " + user.username() + " created (" + user.role() + ").");
      }
      if (!passwordFromStdin) {
        err().println("Generated password (shown once): " + password);
      }
      return 0;
    }

    private static String readPassword() throws IOException {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin: no password on standard input");
      }
      return line;
    }

    private static String generatePassword() {
      SecureRandom random = new SecureRandom();
      char[] out = new char[20];
      for (int i = 0; i < out.length; i++) {
        out[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
      }
      return new String(out);
    }
  }

  /** {@code keywarden users delete <username>}: the user's keys go with them. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a user; their keys stop working at once.")
  static final class DeleteUser extends RemoteCommand {
    @Parameters(paramLabel = "<username>", description = "The user to delete.")
    String username;

    @Override
    int run(KeywardenClient client) {
      client.deleteUser(username);
      err().println("User " + username + " and their keys deleted.");
      return 0;
    }
  }
}
