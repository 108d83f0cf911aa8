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

/** The commands on a store, on each database: their output, exit codes and "nothing changed". */
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
    return runExactly(all.toArray(String[]::new));
  }

  static Result runExactly(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = KeywardenCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private String userKey(String name, String scopes) {
    Result key =
        run("keys", "create", name, "--account", "acme", "--user", "alice", "--scopes", scopes);
    assertThat(key.exitCode()).as(key.err()).isZero();
    return key.out().strip();
  }

  @Test
  void fullOperatorSession_createsWorkingKeys() {
    Result account = run("accounts", "create", "acme", "--admin", "alice");
    assertThat(account.exitCode()).as(account.err()).isZero();
    assertThat(account.out().strip()).matches("\\S{20,}");
    assertThat(account.err()).contains("Account acme created with administrator alice.");

    Result license = run("licenses", "create", "Production", "--account", "acme");
    assertThat(license.exitCode()).as(license.err()).isZero();
    long licenseId = Long.parseLong(license.out().strip());

    Result key =
        run(
            "keys",
            "create",
            "ci",
            "--account",
            "acme",
            "--user",
            "alice",
            "--scopes",
            "Tasks,APIKey",
            "--binding",
            "license:" + licenseId);
    assertThat(key.exitCode()).as(key.err()).isZero();
    String token = key.out().strip();
    assertThat(TokenFormat.parse(token)).isNotNull();
    assertThat(key.err()).contains("Key 'ci' of alice created").contains("valid until");

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
    Result list = run("keys", "list", "--account", "acme");
    assertThat(list.out()).contains("ci").contains("default").doesNotContain(token);
    assertThat(run("accounts", "list").out()).contains("acme");
  }

  @Test
  void licenseKeys_onTheStore_createRegenerateDisableDelete() {
    run("accounts", "create", "acme", "--admin", "alice");
    String id = run("licenses", "create", "Solver", "--account", "acme").out().strip();

    Result created =
        run("keys", "create", "robot", "--license", id, "--account", "acme", "--scopes", "Tasks");
    assertThat(created.exitCode()).as(created.err()).isZero();
    Result regenerated = run("keys", "regenerate", "robot", "--license", id, "--account", "acme");
    assertThat(regenerated.exitCode()).as(regenerated.err()).isZero();
    assertThat(regenerated.out().strip()).isNotEqualTo(created.out().strip());
    assertThat(run("keys", "disable", "robot", "--license", id, "--account", "acme").exitCode())
        .isZero();
    assertThat(run("keys", "list", "--license", id, "--account", "acme").out())
        .contains("disabled");
    assertFails(
        run("keys", "delete", "default", "--license", id, "--account", "acme"),
        5,
        "cannot be deleted");
    assertThat(run("keys", "delete", "robot", "--license", id, "--account", "acme").exitCode())
        .isZero();
    assertFails(
        run("keys", "regenerate", "ci", "--user", "alice", "--account", "acme"),
        2,
        "license's keys");
  }

  @Test
  void users_onTheStore_createListDelete() {
    run("accounts", "create", "acme", "--admin", "alice");

    Result created = run("users", "create", "bob", "--account", "acme", "--role", "admin");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.out().strip()).matches("\\S{20}");
    assertThat(run("users", "list", "--account", "acme").out()).contains("bob", "admin");
    assertFails(run("users", "create", "bob", "--account", "acme"), 5, "already exists");
    assertFails(run("users", "create", "eve", "--account", "acme", "--role", "root"), 2, "--role");
    assertThat(run("users", "delete", "bob", "--account", "acme").exitCode()).isZero();
    assertFails(run("users", "delete", "bob", "--account", "acme"), 4, "No user 'bob'");
  }

  @Test
  void badInput_givesOneLineError_nonZeroExit_andChangesNothing() {
    run("accounts", "create", "acme", "--admin", "alice");
    userKey("ci", "Tasks");

    assertFails(
        run("keys", "create", "ci", "--account", "acme", "--user", "alice", "--scopes", "Tasks"),
        5,
        "already exists (DUPLICATE_NAME");
    assertFails(
        run("keys", "create", "x", "--account", "acme", "--user", "alice", "--scopes", "Nope"),
        2,
        "Unknown scope 'Nope'");
    assertFails(
        run(
            "keys",
            "create",
            "x",
            "--account",
            "acme",
            "--user",
            "alice",
            "--scopes",
            "Tasks",
            "--expires",
            "2999-01-01"),
        2,
        "at most one year");
    assertFails(
        run(
            "keys",
            "create",
            "x",
            "--account",
            "acme",
            "--user",
            "alice",
            "--scopes",
            "Tasks",
            "--expires",
            "tomorrow"),
        2,
        "YYYY-MM-DD");
    assertFails(
        run("keys", "create", "x", "--account", "nope", "--user", "alice", "--scopes", "Tasks"),
        4,
        "No account 'nope'");
    assertFails(
        run("keys", "create", "x", "--account", "acme", "--user", "bob", "--scopes", "Tasks"),
        4,
        "No user 'bob'");
    assertFails(run("keys", "create", "x", "--account", "acme", "--scopes", "Tasks"), 2, "--user");
    assertFails(run("accounts", "create", "Not A Name", "--admin", "x"), 2, "account must be");
    assertFails(run("licenses", "create", "--account", "acme"), 2, "<name>");

    Result list = run("keys", "list", "--account", "acme");
    assertThat(list.out().strip().split("\n")).hasSize(2);
  }

  @Test
  void keysDelete_removesTheUsersKey_andUnknownOnesAreNotFound() {
    run("accounts", "create", "acme", "--admin", "alice");
    String token = userKey("ci", "Tasks");

    Result deleted = run("keys", "delete", "ci", "--account", "acme", "--user", "alice");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    try (Keywarden keywarden = Keywarden.open(storeConfig())) {
      assertThat(keywarden.verifier().verify(TokenFormat.parse(token), Requirements.any()).valid())
          .isFalse();
    }
    assertFails(
        run("keys", "delete", "ci", "--account", "acme", "--user", "alice"),
        4,
        "No key named 'ci'");
    assertFails(
        run("keys", "delete", "ci", "--account", "acme", "--user", "bob"), 4, "No user 'bob'");
  }

  @Test
  void oldSpellings_stillWork_andSayWhereTheyMoved() {
    Result account = run("account", "create", "acme", "--admin", "alice");
    assertThat(account.exitCode()).as(account.err()).isZero();
    assertThat(account.err()).contains("'account' is now 'accounts'");
    Result license = run("license", "create", "--account", "acme", "--name", "Production");
    assertThat(license.exitCode()).as(license.err()).isZero();
    assertThat(license.err().lines().filter(line -> line.contains("next release")).count())
        .isEqualTo(1);
    String id = license.out().strip();

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
            "Tasks",
            "--license",
            id);
    assertThat(key.exitCode()).as(key.err()).isZero();
    assertThat(key.err())
        .contains("'key' is now 'keys'")
        .contains("'--name ci' is now the argument 'ci'")
        .contains("--binding license:<id>");
    assertThat(run("key", "list", "--account", "acme", "--json").out())
        .contains("\"binding\":\"license:" + id + "\"");
  }

  static void assertFails(Result result, int exitCode, String message) {
    assertThat(result.exitCode()).as(result.err()).isEqualTo(exitCode);
    assertThat(result.err()).contains(message);
    List<String> lines = result.err().strip().lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("keywarden: ").endsWith(".");
  }
}
