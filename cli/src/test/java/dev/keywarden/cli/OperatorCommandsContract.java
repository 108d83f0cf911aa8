package dev.keywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.TokenFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator commands on each database: their output, exit codes and "nothing changed". */
abstract class OperatorCommandsContract {
  @TempDir Path temp;

  /** The store options every command gets. */
  abstract List<String> storeArgs();

  /** The same store, opened directly for checking. */
  abstract StoreConfig storeConfig();

  record Result(int exitCode, String out, String err) {
    String lastLine() {
      String[] lines = out.strip().split("\n");
      return lines[lines.length - 1];
    }
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(storeArgs());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        KeywardenCli.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void fullOperatorSession_createsWorkingKeys() {
    Result account = run("account", "create", "acme", "--admin", "alice");
    assertThat(account.exitCode()).isZero();
    assertThat(account.out()).contains("Generated password (shown once): ");

    Result license = run("license", "create", "--account", "acme", "--name", "Production");
    assertThat(license.exitCode()).isZero();
    long licenseId = Long.parseLong(license.out().strip());

    Result key =
        run(
            "key",
            "create",
            "--account",
            "acme",
            "--user",
            "alice",
            "--name",
            "ci",
            "--scopes",
            "Tasks,APIKey",
            "--license",
            Long.toString(licenseId));
    assertThat(key.exitCode()).as(key.err()).isZero();
    String token = key.lastLine();
    assertThat(TokenFormat.parse(token)).isNotNull();

    try (Keywarden keywarden = Keywarden.open(storeConfig())) {
      var result =
          keywarden
              .verifier()
              .verify(
                  TokenFormat.parse(token),
                  new Requirements(null, java.util.Set.of(), licenseId, null, null));
      assertThat(result.valid()).isTrue();
      assertThat(result.key().key().binding().licenseId()).isEqualTo(licenseId);
    }
    Result list = run("key", "list", "--account", "acme");
    assertThat(list.out()).contains("ci").contains("default").doesNotContain(token);
  }

  @Test
  void badInput_givesOneLineError_nonZeroExit_andChangesNothing() {
    run("account", "create", "acme", "--admin", "alice");
    run(
        "key",
        "create",
        "--account",
        "acme",
        "--user",
        "alice",
        "--name",
        "ci",
        "--scopes",
        "Tasks");

    assertFails(
        run(
            "key",
            "create",
            "--account",
            "acme",
            "--user",
            "alice",
            "--name",
            "ci",
            "--scopes",
            "Tasks"),
        5,
        "already exists");
    assertFails(
        run(
            "key",
            "create",
            "--account",
            "acme",
            "--user",
            "alice",
            "--name",
            "x",
            "--scopes",
            "Nope"),
        2,
        "Unknown scope 'Nope'");
    assertFails(
        run(
            "key",
            "create",
            "--account",
            "acme",
            "--user",
            "alice",
            "--name",
            "x",
            "--scopes",
            "Tasks",
            "--expires",
            "2999-01-01"),
        2,
        "at most one year");
    assertFails(
        run(
            "key",
            "create",
            "--account",
            "acme",
            "--user",
            "alice",
            "--name",
            "x",
            "--scopes",
            "Tasks",
            "--expires",
            "tomorrow"),
        2,
        "YYYY-MM-DD");
    assertFails(
        run(
            "key",
            "create",
            "--account",
            "nope",
            "--user",
            "alice",
            "--name",
            "x",
            "--scopes",
            "Tasks"),
        4,
        "No account 'nope'");
    assertFails(
        run(
            "key",
            "create",
            "--account",
            "acme",
            "--user",
            "bob",
            "--name",
            "x",
            "--scopes",
            "Tasks"),
        4,
        "No user 'bob'");
    assertFails(run("account", "create", "Not A Name", "--admin", "x"), 2, "account must be");
    assertFails(run("license", "create", "--account", "acme"), 2, "--name");

    Result list = run("key", "list", "--account", "acme");
    assertThat(list.out().strip().split("\n")).hasSize(2);
  }

  @Test
  void keyDelete_removesTheUsersKey_andUnknownOnesAreNotFound() {
    run("account", "create", "acme", "--admin", "alice");
    String token =
        run(
                "key",
                "create",
                "--account",
                "acme",
                "--user",
                "alice",
                "--name",
                "ci",
                "--scopes",
                "Tasks")
            .lastLine();

    Result deleted = run("key", "delete", "--account", "acme", "--user", "alice", "--name", "ci");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    try (Keywarden keywarden = Keywarden.open(storeConfig())) {
      assertThat(keywarden.verifier().verify(TokenFormat.parse(token), Requirements.any()).valid())
          .isFalse();
    }
    assertFails(
        run("key", "delete", "--account", "acme", "--user", "alice", "--name", "ci"),
        4,
        "No key named 'ci'");
    assertFails(
        run("key", "delete", "--account", "acme", "--user", "bob", "--name", "ci"),
        4,
        "No user 'bob'");
  }

  static void assertFails(Result result, int exitCode, String message) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
    assertThat(result.err()).contains(message);
    assertThat(result.err().strip().lines().filter(line -> line.startsWith("keywarden:")).count())
        .isEqualTo(1);
    assertThat(result.err()).doesNotContain("\tat ");
  }
}
