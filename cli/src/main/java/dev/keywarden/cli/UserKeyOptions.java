package dev.keywarden.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --account}, {@code --user} and {@code --name}: which user's key a command acts on. */
final class UserKeyOptions {
  @Mixin AccountOption account;

  @Option(names = "--user", required = true, paramLabel = "<username>", description = "Owner.")
  String user;

  @Option(names = "--name", required = true, paramLabel = "<name>", description = "Key name.")
  String name;
}
