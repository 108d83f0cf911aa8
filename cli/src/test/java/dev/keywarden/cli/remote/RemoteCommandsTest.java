package dev.keywarden.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.cli.remote.RemoteTestServer.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The remote commands against a real server, run in-process. */
class RemoteCommandsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static RemoteTestServer server;

  @TempDir Path home;

  @BeforeAll
  static void start() {
    server = RemoteTestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void emptyEnvironment() {
    RemoteEnvironment.override(Map.of(), home);
  }

  @AfterEach
  void realEnvironment() {
    RemoteEnvironment.reset();
  }

  private static String create(String name, String scopes) {
    Run run = server.asAdmin("keys", "create", name, "--scopes", scopes);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out().strip();
  }

  @Test
  void keysCreate_printsTheTokenAloneOnStdout_andTheRestOnStderr() {
    Run run =
        server.asAdmin(
            "keys",
            "create",
            "deploy",
            "--scopes",
            "Tasks,Session",
            "--expires",
            java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusMonths(1).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).matches("kw_[0-9A-Za-z]{16}_[0-9A-Za-z]{36}\\R");
    assertThat(run.err())
        .contains("Key 'deploy' of admin created")
        .contains("00:00 UTC")
        .contains("not shown again");
    assertThat(run.err()).doesNotContain(run.out().strip());
  }

  @Test
  void keysList_showsATableWithoutSecrets() {
    String token = create("listed", "Tasks");

    Run run = server.asAdmin("keys", "list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().lines().findFirst().orElseThrow())
        .startsWith("NAME")
        .contains("ACCESS ID", "EXPIRES", "SCOPES", "LAST USED");
    assertThat(run.out()).contains("listed", token.substring(3, 19)).doesNotContain(token);
  }

  @Test
  void keysList_json_isTheApisShape() throws Exception {
    create("as-json", "Tasks");

    Run run = server.asAdmin("keys", "list", "--json");

    JsonNode keys = JSON.readTree(run.out());
    assertThat(keys.isArray()).isTrue();
    JsonNode key =
        keys.valueStream()
            .filter(k -> k.get("name").asString().equals("as-json"))
            .findFirst()
            .get();
    assertThat(key.get("access_id").asString()).hasSize(16);
    assertThat(key.get("scopes").get(0).asString()).isEqualTo("Tasks");
    assertThat(key.has("value")).isFalse();
  }

  @Test
  void keysCreate_json_carriesTheTokenAsValue() throws Exception {
    Run run = server.asAdmin("keys", "create", "json-created", "--scopes", "Tasks", "--json");

    JsonNode created = JSON.readTree(run.out());
    assertThat(created.get("value").asString()).startsWith("kw_");
    assertThat(created.get("name").asString()).isEqualTo("json-created");
  }

  @Test
  void badToken_exitsThree_withOneLineOnStderr() {
    Run run = server.as("kw_AAAAAAAAAAAAAAAA_" + "B".repeat(36), "keys", "list");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("keywarden: ").contains("(UNAUTHENTICATED).").endsWith(".\n");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void keysDelete_unknownKey_exitsFour() {
    Run run = server.asAdmin("keys", "delete", "never-created");

    assertThat(run.exitCode()).isEqualTo(4);
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void keysCreate_duplicateName_exitsFive() {
    create("dup", "Tasks");

    Run run = server.asAdmin("keys", "create", "dup", "--scopes", "Tasks");

    assertThat(run.exitCode()).isEqualTo(5);
    assertThat(run.err()).contains("DUPLICATE_NAME");
  }

  @Test
  void keysCreate_invalidScope_exitsTwo_namingTheField() {
    Run run = server.asAdmin("keys", "create", "bad", "--scopes", "Everything");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("INVALID_SCOPES").contains("field scopes");
  }

  @Test
  void keysCreate_badDate_exitsTwo() {
    Run run =
        server.asAdmin("keys", "create", "bad-date", "--scopes", "Tasks", "--expires", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--expires");
  }

  @Test
  void keysCreate_missingScopes_isAUsageError() {
    Run run = server.asAdmin("keys", "create", "no-scopes");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--scopes");
  }

  @Test
  void keysRegenerate_printsTheNewToken_andTheOldOneStops() {
    String old = create("rotate", "Tasks");

    Run run = server.asAdmin("keys", "regenerate", "rotate");

    String fresh = run.out().strip();
    assertThat(fresh).startsWith("kw_").isNotEqualTo(old);
    assertThat(fresh.substring(3, 19)).isEqualTo(old.substring(3, 19));
    assertThat(server.as(old, "scopes").exitCode()).isEqualTo(3);
    assertThat(server.as(fresh, "scopes").exitCode()).isZero();
  }

  @Test
  void keysRegenerate_withGrace_keepsTheOldTokenWorking() {
    String old = create("rotate-gently", "Tasks");

    assertThat(server.asAdmin("keys", "regenerate", "rotate-gently", "--grace", "10m").exitCode())
        .isZero();

    assertThat(server.as(old, "scopes").exitCode()).isZero();
  }

  @Test
  void keysDisableEnableDelete_takeEffectAtOnce() {
    String token = create("switch", "Tasks");

    assertThat(server.asAdmin("keys", "disable", "switch").exitCode()).isZero();
    assertThat(server.as(token, "scopes").exitCode()).isEqualTo(3);
    assertThat(server.asAdmin("keys", "enable", "switch").exitCode()).isZero();
    assertThat(server.as(token, "scopes").exitCode()).isZero();
    assertThat(server.asAdmin("keys", "delete", "switch").err()).contains("deleted");
    assertThat(server.as(token, "scopes").exitCode()).isEqualTo(3);
  }

  @Test
  void scopes_listsTheNine_asTableAndJson() throws Exception {
    Run table = server.asAdmin("scopes");
    Run json = server.asAdmin("scopes", "--json");

    assertThat(table.out().lines().count()).isEqualTo(10);
    assertThat(table.out()).contains("APIKey", "Tasks", "Session");
    assertThat(JSON.readTree(json.out()).size()).isEqualTo(9);
  }

  @Test
  void verify_validKey_exitsZero_deletedKey_exitsOne() {
    String token = create("to-verify", "Tasks");

    Run valid = server.asAdmin("verify", token, "--scopes", "Tasks");
    server.asAdmin("keys", "delete", "to-verify");
    Run deleted = server.asAdmin("verify", token);

    assertThat(valid.exitCode()).isZero();
    assertThat(valid.out()).startsWith("VALID").contains(token.substring(3, 19));
    assertThat(deleted.exitCode()).isEqualTo(1);
    assertThat(deleted.out().strip()).isEqualTo("NOT_FOUND");
  }

  @Test
  void verify_missingScope_printsTheCode() {
    String token = create("narrow", "Tasks");

    Run run = server.asAdmin("verify", token, "--scopes", "Secret", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("\"code\":\"INSUFFICIENT_SCOPE\"");
  }

  @Test
  void licenseFile_download_writesAPrivateFile_thatDiscoveryThenUses() throws Exception {
    long id = server.fixture.license("Solver").license().id();
    Path file = home.resolve("keywarden.lic");

    Run listed = server.asAdmin("licenses", "list");
    Run download =
        server.asAdmin(
            "license-file", "download", "--license", Long.toString(id), "-o", file.toString());

    assertThat(listed.out()).contains("Solver", id + "-default");
    assertThat(download.exitCode()).as(download.err()).isZero();
    assertThat(Files.readString(file)).contains("CLOUDACCESSID=", "CLOUDKEY=", "LICENSEID=" + id);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // No options at all: the file in the home directory gives the server, account and key.
    Run scopes = RemoteTestServer.run("scopes");
    assertThat(scopes.exitCode()).as(scopes.err()).isZero();
    // The license's default key lacks the APIKey scope, so listing keys is forbidden.
    Run keys = RemoteTestServer.run("keys", "list");
    assertThat(keys.exitCode()).isEqualTo(3);
    assertThat(
            server
                .asAdmin(
                    "license-file",
                    "download",
                    "--license",
                    Long.toString(id),
                    "-o",
                    file.toString())
                .exitCode())
        .as("refuses to overwrite without --force")
        .isEqualTo(2);
  }

  @Test
  void licenseFile_unknownLicense_exitsFour() {
    assertThat(server.asAdmin("license-file", "download", "--license", "987654").exitCode())
        .isEqualTo(4);
  }

  @Test
  void credential_precedence_flagThenEnvironmentThenLicenseFile() throws Exception {
    long id = server.fixture.license("Precedence").license().id();
    Files.writeString(
        home.resolve("keywarden.lic"),
        server
            .fixture
            .keywarden
            .licenses()
            .licenseFile(server.fixture.operator(), id, "127.0.0.1:" + server.server.port()));
    String[] keysList = {"keys", "list", "--account", "acme"};

    // Only the license file (host from its CLOUDHOST): its key may not list keys.
    assertThat(RemoteTestServer.run(keysList).exitCode()).isEqualTo(3);
    assertThat(RemoteTestServer.run("scopes", "--account", "acme").exitCode()).isZero();

    // KEYWARDEN_TOKEN beats the license file.
    RemoteEnvironment.override(Map.of("KEYWARDEN_TOKEN", server.adminToken), home);
    assertThat(RemoteTestServer.run(keysList).exitCode()).isZero();

    // --token beats KEYWARDEN_TOKEN.
    String bogus = "kw_AAAAAAAAAAAAAAAA_" + "B".repeat(36);
    List<String> withFlag = new java.util.ArrayList<>(List.of(keysList));
    withFlag.addAll(List.of("--token", bogus));
    assertThat(RemoteTestServer.run(withFlag.toArray(String[]::new)).exitCode()).isEqualTo(3);
  }

  @Test
  void credential_licenseFileVariableNamingNothing_exitsTwo() {
    RemoteEnvironment.override(
        Map.of("KEYWARDEN_LICENSE_FILE", home.resolve("missing.lic").toString()), home);

    Run run = RemoteTestServer.run("scopes", "--url", server.url(), "--account", "acme");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("KEYWARDEN_LICENSE_FILE");
  }

  @Test
  void credential_noneAnywhere_exitsThree() {
    Run run = RemoteTestServer.run("scopes", "--url", server.url(), "--account", "acme");

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).startsWith("keywarden: No credential");
  }

  @Test
  void serverDown_exitsSix() {
    Run run =
        RemoteTestServer.run(
            "scopes",
            "--url",
            "http://127.0.0.1:1",
            "--account",
            "acme",
            "--token",
            server.adminToken);

    assertThat(run.exitCode()).isEqualTo(6);
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  void help_onEveryRemoteCommand() {
    for (String command :
        List.of(
            "keys",
            "keys list",
            "keys create",
            "keys delete",
            "keys regenerate",
            "keys enable",
            "keys disable",
            "licenses",
            "licenses list",
            "licenses create",
            "users",
            "users list",
            "users create",
            "users delete",
            "accounts",
            "accounts list",
            "accounts create",
            "keys import-v1",
            "serve",
            "config",
            "license-file",
            "license-file download",
            "scopes",
            "verify",
            "whoami",
            "completion")) {
      List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      Run run = RemoteTestServer.run(args.toArray(String[]::new));
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: keywarden " + command);
    }
  }

  @Test
  void whoami_showsTheAccountUserAndKey() {
    Run run = server.asAdmin("whoami");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("account  acme")
        .contains("user     admin (admin)")
        .contains("key      " + server.adminToken.substring(3, 19));
  }

  @Test
  void completion_printsABashScript() {
    Run run = RemoteTestServer.run("completion");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("complete -F").contains("keys").contains("license-file");
  }

  @Test
  void users_createListDelete_andAGeneratedPasswordIsShownOnce() {
    Run created = server.asAdmin("users", "create", "carol", "--role", "member");
    assertThat(created.exitCode()).as(created.err()).isZero();
    assertThat(created.err()).contains("User carol created (member).");
    assertThat(created.out()).matches("\\S{20}\\R");

    Run listed = server.asAdmin("users", "list");
    assertThat(listed.out()).contains("USERNAME").contains("carol");

    Run duplicate = server.asAdmin("users", "create", "carol");
    assertThat(duplicate.exitCode()).isEqualTo(5);

    Run deleted = server.asAdmin("users", "delete", "carol");
    assertThat(deleted.exitCode()).as(deleted.err()).isZero();
    assertThat(server.asAdmin("users", "list").out()).doesNotContain("carol");
    assertThat(server.asAdmin("users", "delete", "carol").exitCode()).isEqualTo(4);
  }

  @Test
  void licensesCreate_printsTheIdAlone_andTheLicenseIsListed() {
    Run created = server.asAdmin("licenses", "create", "From the command line");
    assertThat(created.exitCode()).as(created.err()).isZero();
    String id = created.out().strip();
    assertThat(id).matches("\\d+");

    assertThat(server.asAdmin("licenses", "list").out()).contains(id, "From the command line");
    assertThat(server.asAdmin("licenses", "create", "From the command line").exitCode())
        .isEqualTo(5);
  }
}
