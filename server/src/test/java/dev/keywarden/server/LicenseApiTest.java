package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.Caller;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Licenses, their keys and license files through the REST API. */
class LicenseApiTest {
  static final String LICENSES = "/pro/user-manager/v1/licenses";

  TestServer server;
  TestHttp http;
  String admin;
  User alice;
  String member;

  @BeforeEach
  void setUp() {
    server = TestServer.start();
    http = server.http();
    admin = server.adminToken();
    alice = server.fixture.user("alice", Role.member);
    member = server.token(alice, "alice", Scope.values());
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void create_needsTheAccountScope_notTheDefaultKeysScopes() {
    String accountOnly = server.token(server.fixture.admin, "account-only", Scope.Account);
    String apiKeyOnly = server.token(server.fixture.admin, "apikey-only", Scope.APIKey);

    var created = http.post(LICENSES).bearer(accountOnly).json(Map.of("name", "by-key")).send();
    assertThat(created.status()).isEqualTo(201);
    var refused = http.post(LICENSES).bearer(apiKeyOnly).json(Map.of("name", "refused")).send();
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("INSUFFICIENT_SCOPE");
  }

  JsonNode createLicense(String name) {
    var answer = http.post(LICENSES).bearer(admin).json(Map.of("name", name)).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    return answer.json();
  }

  String keysOf(long licenseId) {
    return LICENSES + "/" + licenseId + "/api-keys";
  }

  @Test
  void create_returnsLicenseAndDefaultKeyValueOnce() {
    JsonNode license = createLicense("Solver farm");

    long id = license.get("id").asLong();
    assertThat(license.get("name").asString()).isEqualTo("Solver farm");
    assertThat(license.get("default_pool").asString()).isEqualTo(id + "-default");
    JsonNode key = license.get("default_key");
    assertThat(key.get("value").asString()).startsWith("kw_");
    assertThat(key.get("default").asBoolean()).isTrue();
    assertThat(key.get("binding").asString()).isEqualTo("license:" + id);
    assertThat(key.get("scopes").findValuesAsString("")).isEmpty();
    assertThat(key.get("scopes").toString()).contains("Tasks", "Session");

    var got = http.get(LICENSES + "/" + id).bearer(member).send();
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).doesNotContain(key.get("value").asString());
    var listed = http.get(LICENSES).bearer(member).send();
    assertThat(listed.json().findValuesAsString("name")).containsExactly("Solver farm");
  }

  @Test
  void create_invalidDuplicateForbiddenAndUnauthenticated() {
    createLicense("one");
    assertThat(http.post(LICENSES).bearer(admin).json(Map.of("name", "one")).send().code())
        .isEqualTo("DUPLICATE_NAME");
    var blank = http.post(LICENSES).bearer(admin).json(Map.of("name", " ")).send();
    assertThat(blank.status()).isEqualTo(422);
    assertThat(blank.json().get("field").asString()).isEqualTo("name");
    var missing = http.post(LICENSES).bearer(admin).json(Map.of()).send();
    assertThat(missing.status()).isEqualTo(422);
    var byMember = http.post(LICENSES).bearer(member).json(Map.of("name", "two")).send();
    assertThat(byMember.status()).isEqualTo(403);
    assertThat(byMember.code()).isEqualTo("ADMIN_REQUIRED");
    assertThat(http.post(LICENSES).json(Map.of("name", "three")).send().status()).isEqualTo(401);
    assertThat(http.get(LICENSES).send().status()).isEqualTo(401);
  }

  @Test
  void get_unknownMalformedOrOtherAccountsLicense_is404() {
    Account globex = server.fixture.otherAccount("globex");
    long theirs =
        server
            .keywarden()
            .licenses()
            .create(Caller.operator(globex.id(), globex.name()), "theirs")
            .license()
            .id();

    for (String path :
        List.of(LICENSES + "/" + theirs, LICENSES + "/999999", LICENSES + "/abc", keysOf(theirs))) {
      var answer = http.get(path).bearer(admin).send();
      assertThat(answer.status()).as(path).isEqualTo(404);
      assertThat(answer.code()).isEqualTo("LICENSE_NOT_FOUND");
    }
    assertThat(http.get(LICENSES).bearer(admin).send().body()).doesNotContain("theirs");
  }

  @Test
  void licenseKeys_createListRegenerateDisableDelete() {
    long id = createLicense("L").get("id").asLong();

    var created =
        http.post(keysOf(id))
            .bearer(admin)
            .json(Map.of("name", "ci", "scopes", List.of("Tasks")))
            .send();
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.json().get("binding").asString()).isEqualTo("license:" + id);
    assertThat(created.json().get("value").asString()).startsWith("kw_");

    var listed = http.get(keysOf(id)).bearer(member).send();
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.json().findValuesAsString("name")).containsExactly("default", "ci");
    assertThat(listed.body()).doesNotContain("\"value\"");

    var duplicate =
        http.post(keysOf(id))
            .bearer(admin)
            .json(Map.of("name", "ci", "scopes", List.of("Tasks")))
            .send();
    assertThat(duplicate.status()).isEqualTo(409);

    var regenerated = http.post(keysOf(id) + "/ci/regenerate").bearer(admin).send();
    assertThat(regenerated.status()).isEqualTo(200);
    assertThat(regenerated.json().get("value").asString())
        .isNotEqualTo(created.json().get("value").asString());

    var disabled =
        http.patch(keysOf(id) + "/ci").bearer(admin).json(Map.of("enabled", false)).send();
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();

    assertThat(http.delete(keysOf(id) + "/ci").bearer(admin).send().status()).isEqualTo(204);
    assertThat(http.delete(keysOf(id) + "/ci").bearer(admin).send().status()).isEqualTo(404);
  }

  @Test
  void licenseKeys_changesNeedAnAdmin() {
    long id = createLicense("L").get("id").asLong();

    var answer =
        http.post(keysOf(id))
            .bearer(member)
            .json(Map.of("name", "ci", "scopes", List.of("Tasks")))
            .send();

    assertThat(answer.status()).isEqualTo(403);
    assertThat(http.delete(keysOf(id) + "/default").bearer(member).send().status()).isEqualTo(403);
    assertThat(http.post(keysOf(id) + "/default/regenerate").bearer(member).send().status())
        .isEqualTo(403);
  }

  @Test
  void licenseKeys_invalidInput_is422() {
    long id = createLicense("L").get("id").asLong();

    var answer =
        http.post(keysOf(id))
            .bearer(admin)
            .json(Map.of("name", "bad/name", "scopes", List.of("Tasks")))
            .send();

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().get("field").asString()).isEqualTo("name");
    var grace =
        http.post(keysOf(id) + "/default/regenerate")
            .bearer(admin)
            .json(Map.of("grace_period_seconds", "soon"))
            .send();
    assertThat(grace.status()).isEqualTo(422);
    assertThat(grace.json().get("field").asString()).isEqualTo("grace_period_seconds");
  }

  @Test
  void defaultKey_cannotBeDeleted_butCanBeRegenerated() {
    JsonNode license = createLicense("L");
    long id = license.get("id").asLong();

    var deleted = http.delete(keysOf(id) + "/default").bearer(admin).send();
    assertThat(deleted.status()).isEqualTo(409);
    assertThat(deleted.code()).isEqualTo("DEFAULT_KEY_UNDELETABLE");

    var regenerated = http.post(keysOf(id) + "/default/regenerate").bearer(admin).send();
    assertThat(regenerated.status()).isEqualTo(200);
    String newSecret = regenerated.json().get("value").asString().substring(20, 50);
    var file = http.get(LICENSES + "/" + id + "/license-file").bearer(admin).send();
    assertThat(file.body()).contains("CLOUDKEY=" + newSecret);
  }

  @Test
  void licenseFile_isAnAttachmentWithTheDefaultKey() {
    JsonNode license = createLicense("L");
    long id = license.get("id").asLong();
    JsonNode key = license.get("default_key");

    var file = http.get(LICENSES + "/" + id + "/license-file").bearer(admin).send();

    assertThat(file.status()).isEqualTo(200);
    assertThat(file.header("Content-Type")).startsWith("text/plain");
    assertThat(file.header("Content-Disposition"))
        .isEqualTo("attachment; filename=\"keywarden.lic\"");
    assertThat(file.header("Cache-Control")).isEqualTo("no-store");
    assertThat(file.body())
        .contains("CLOUDACCESSID=" + key.get("access_id").asString())
        .contains("CLOUDKEY=" + key.get("value").asString().substring(20, 50))
        .contains("LICENSEID=" + id)
        .contains("CLOUDPOOL=" + id + "-default")
        .contains("CLOUDHOST=acme.localhost:" + server.port())
        .contains("\n#");
  }

  @Test
  void licenseFile_keepsThePathPrefixOfTheAccount() {
    long id = createLicense("L").get("id").asLong();

    var file =
        server.httpByPath("acme").get(LICENSES + "/" + id + "/license-file").bearer(admin).send();

    assertThat(file.body()).contains("CLOUDHOST=127.0.0.1:" + server.port() + "/a/acme\n");
  }

  @Test
  void licenseFile_usesTheConfiguredCloudHost() {
    try (TestServer configured =
        TestServer.start(TestDatabases.h2(), config -> config.withCloudHost("keys.example.com"))) {
      long id = configured.fixture.license("L").license().id();

      var file =
          configured
              .http()
              .get(LICENSES + "/" + id + "/license-file")
              .bearer(configured.adminToken())
              .send();

      assertThat(file.body()).contains("CLOUDHOST=keys.example.com\n");
    }
  }

  @Test
  void licenseFile_needsAdminAndAccountScope() {
    long id = createLicense("L").get("id").asLong();
    String noAccountScope = server.token(server.fixture.admin, "no-account", Scope.APIKey);

    var byMember = http.get(LICENSES + "/" + id + "/license-file").bearer(member).send();
    var byKey = http.get(LICENSES + "/" + id + "/license-file").bearer(noAccountScope).send();

    assertThat(byMember.status()).isEqualTo(403);
    assertThat(byKey.status()).isEqualTo(403);
    assertThat(byKey.code()).isEqualTo("INSUFFICIENT_SCOPE");
    assertThat(http.get(LICENSES + "/" + id + "/license-file").send().status()).isEqualTo(401);
  }

  @Test
  void licenseBoundKey_reachesOnlyItsLicense() {
    long mine = createLicense("mine").get("id").asLong();
    long other = createLicense("other").get("id").asLong();
    String bound =
        http.post(keysOf(mine))
            .bearer(admin)
            .json(Map.of("name", "bound", "scopes", List.of("APIKey", "Tasks")))
            .send()
            .json()
            .get("value")
            .asString();

    assertThat(http.get(LICENSES).bearer(bound).send().json().findValuesAsString("name"))
        .containsExactly("mine");
    assertThat(http.get(keysOf(mine)).bearer(bound).send().status()).isEqualTo(200);
    var elsewhere = http.get(keysOf(other)).bearer(bound).send();
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.code()).isEqualTo("WRONG_LICENSE");
    assertThat(http.get(LICENSES + "/" + other).bearer(bound).send().status()).isEqualTo(403);
    var accountWide =
        http.post("/pro/user-manager/v1/user/@current/api-key")
            .bearer(bound)
            .json(Map.of("name", "x", "scopes", List.of("Tasks")))
            .send();
    assertThat(accountWide.status()).isEqualTo(403);
  }
}
