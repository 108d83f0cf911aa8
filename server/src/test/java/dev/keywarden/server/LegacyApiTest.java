package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The previous endpoint {@code /pro-api/v1/api-keys}: same semantics, marked deprecated. */
class LegacyApiTest {
  static final String LEGACY = "/pro-api/v1/api-keys";
  static final String KEYS = "/pro/user-manager/v1/user/@current/api-key";
  static final String ACCESS_ID = "legacyAccess01";
  static final String SECRET = "legacy-secret-0123456789";

  TestServer server;
  TestHttp http;
  User alice;

  @BeforeEach
  void setUp() {
    server = TestServer.start();
    http = server.http();
    alice = server.fixture.user("alice", Role.member);
    server
        .keywarden()
        .keys()
        .importLegacy(
            server.fixture.operator(),
            "alice",
            "old",
            ACCESS_ID,
            SECRET,
            NewKey.of("old", Set.of(Scope.APIKey, Scope.Tasks)));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  TestHttp.Request legacyKey(TestHttp.Request request) {
    return request.header("X-Access-Id", ACCESS_ID).header("X-Secret-Key", SECRET);
  }

  @Test
  void everyAnswer_carriesDeprecationHeaders() {
    for (var answer :
        List.of(
            legacyKey(http.get(LEGACY)).send(),
            http.get(LEGACY).send(),
            http.delete(LEGACY + "/nope").bearer(server.adminToken()).send())) {
      assertThat(answer.header("Deprecation")).as(answer.toString()).isNotBlank();
      assertThat(answer.header("Sunset")).endsWith("GMT");
      assertThat(answer.header("Link")).isEqualTo("<" + KEYS + ">; rel=\"successor-version\"");
    }
    assertThat(http.get(KEYS).bearer(server.adminToken()).send().header("Deprecation")).isNull();
  }

  @Test
  void successorLink_keepsTheAccountPathPrefix() {
    var answer = server.httpByPath("acme").get(LEGACY).send();

    assertThat(answer.header("Link")).isEqualTo("</a/acme" + KEYS + ">; rel=\"successor-version\"");
  }

  @Test
  void legacyKey_listsCreatesAndDeletes_onTheLegacyEndpoint() {
    var listed = legacyKey(http.get(LEGACY)).send();
    assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    assertThat(listed.json().get(0).get("api_version").asString()).isEqualTo("v1");
    assertThat(listed.json().get(0).get("deprecated").asBoolean()).isTrue();

    var created =
        legacyKey(http.post(LEGACY))
            .json(Map.of("name", "migrated", "scopes", List.of("Tasks")))
            .send();
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("api_version").asString()).isEqualTo("v2");
    assertThat(created.json().get("value").asString()).startsWith("kw_");

    assertThat(legacyKey(http.delete(LEGACY + "/migrated")).send().status()).isEqualTo(204);
    assertThat(legacyKey(http.delete(LEGACY + "/migrated")).send().status()).isEqualTo(404);
  }

  @Test
  void legacyKey_isRefusedOnTheNewEndpoint() {
    var answer = legacyKey(http.get(KEYS)).send();

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void v2Key_worksOnTheLegacyEndpointToo() {
    String token = server.token(alice, "new", Scope.APIKey);

    var answer = http.get(LEGACY).bearer(token).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().findValuesAsString("name")).contains("old", "new");
  }

  @Test
  void legacyKey_canBeDeletedOnceMigrated() {
    String token = server.token(alice, "new", Scope.APIKey);

    assertThat(http.delete(KEYS + "/old").bearer(token).send().status()).isEqualTo(204);
    assertThat(legacyKey(http.get(LEGACY)).send().status()).isEqualTo(401);
  }

  @Test
  void noCredential_is401_andWrongSecret_is401() {
    assertThat(http.post(LEGACY).json(Map.of("name", "x")).send().status()).isEqualTo(401);
    var wrong =
        http.get(LEGACY)
            .header("X-Access-Id", ACCESS_ID)
            .header("X-Secret-Key", "not-the-secret-at-all")
            .send();
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void create_invalidBody_is422() {
    var answer = legacyKey(http.post(LEGACY)).json(Map.of("name", "x", "scopes", "Nope")).send();

    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().get("field").asString()).isEqualTo("scopes");
  }
}
