package dev.keywarden.cli;

import dev.keywarden.client.KeywardenClient;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.user.Role;
import dev.keywarden.server.user.UserViews;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code keywarden users list|create|delete}: the account's users, on a server or a store. */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Users of the account (administrators): list, create, delete.",
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.CreateUser.class,
      UsersCommand.DeleteUser.class
    })
final class UsersCommand {
  private static final char[] PASSWORD_ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private UsersCommand() {}

  /** {@code keywarden users list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List users with their role.")
  static final class ListUsers extends ObjectCommand {
    @Override
    void onServer(KeywardenClient client) {
      client.listUsers();
    }

    @Override
    Object onStore(Keywarden keywarden) {
      return keywarden.users().list(operator(keywarden)).stream().map(UserViews::user).toList();
    }

    @Override
    void print(JsonNode users) {
      Output.table(
          out(),
          List.of("USERNAME", "ROLE", "CREATED"),
          users
              .valueStream()
              .map(
                  user ->
                      java.util.Arrays.asList(
                          Output.text(user, "username"),
                          Output.text(user, "role"),
                          Output.date(user, "created_at")))
              .toList());
    }
  }

  /** {@code keywarden users create <username> [--role admin] [--password-stdin]}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a user; a generated password is printed once, alone on stdout.",
      footer = {"", "With --password-stdin the password is read from standard input instead."})
  static final class CreateUser extends ObjectCommand {
    @Parameters(paramLabel = "<username>", description = "The new user's name.")
    String username;

    @Option(
        names = "--role",
        paramLabel = "<role>",
        defaultValue = "member",
        description = "member or admin (default: member).")
    String role;

    @Option(
        names = "--password-stdin",
        description = "Read the password (twelve characters or more) from standard input.")
    boolean passwordFromStdin;

    private String generated;

    @Override
    void onServer(KeywardenClient client) throws IOException {
      client.createUser(username, password(), role);
    }

    @Override
    Object onStore(Keywarden keywarden) throws IOException {
      Role parsed;
      try {
        parsed = Role.valueOf(role.strip().toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw CommandFailure.invalid("--role must be member or admin, not '" + role + "'.");
      }
      return UserViews.user(
          keywarden.users().create(operator(keywarden), username, password(), parsed));
    }

    private String password() throws IOException {
      if (passwordFromStdin) {
        return readLine("--password-stdin");
      }
      generated = generatePassword();
      return generated;
    }

    @Override
    void print(JsonNode user) {
      printCreated(
          "User "
              + Output.text(user, "username")
              + " created ("
              + Output.text(user, "role")
              + ").");
    }

    @Override
    String generatedPassword() {
      return generated;
    }
  }

  /** {@code keywarden users delete <username>}: the user's keys go with them. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a user; their keys stop working at once.")
  static final class DeleteUser extends ObjectCommand {
    @Parameters(paramLabel = "<username>", description = "The user to delete.")
    String username;

    @Override
    void onServer(KeywardenClient client) {
      client.deleteUser(username);
    }

    @Override
    Object onStore(Keywarden keywarden) {
      keywarden.users().delete(operator(keywarden), username);
      return null;
    }

    @Override
    void print(JsonNode none) {
      err().println("User " + username + " and their keys deleted.");
    }
  }

  /** One line of standard input: a secret kept off the command line. */
  static String readLine(String option) throws IOException {
    String line =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    if (line == null || line.isEmpty()) {
      throw CommandFailure.invalid(option + " found no password on standard input.");
    }
    return line;
  }

  /** A password of 20 characters from a CSPRNG, without look-alike letters. */
  static String generatePassword() {
    SecureRandom random = new SecureRandom();
    char[] out = new char[20];
    for (int i = 0; i < out.length; i++) {
      out[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
    }
    return new String(out);
  }
}
