package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The seed's endpoints for the caller's own keys (SPEC §4), through the real server, run against
 * each database by a subclass.
 */
abstract class KeyApiContract {
  static final String KEYS = "/pro/user-manager/v1/user/@current/api-key";

  TestServer server;
  TestHttp http;
  User alice;
  String aliceToken;

  abstract StoreConfig store();

  @BeforeEach
  void setUp() {
    server = TestServer.start(store());
    http = server.http();
    alice = server.fixture.user("alice", Role.member);
    aliceToken = server.token(alice, "alice-admin-key", Scope.APIKey, Scope.Tasks, Scope.Session);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void create_returns201WithValueOnce_andListNeverShowsIt() {
    String expiry = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    var created =
        http.post(KEYS)
            .bearer(aliceToken)
            .json(Map.of("name", "ci", "expiration_date", expiry, "scopes", List.of("Tasks")))
            .send();

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode key = created.json();
    String value = key.get("value").asString();
    assertThat(value).startsWith("kw_");
    assertThat(key.get("name").asString()).isEqualTo("ci");
    assertThat(key.get("expiration_date").asString()).startsWith(expiry + "T00:00:00");
    assertThat(key.get("scopes").get(0).asString()).isEqualTo("Tasks");
    assertThat(key.get("binding").asString()).isEqualTo("account");
    assertThat(key.get("api_version").asString()).isEqualTo("v2");
    assertThat(created.header("Cache-Control")).isEqualTo("no-store");

    var listed = http.get(KEYS).bearer(aliceToken).send();
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(value).doesNotContain("\"value\"");
    assertThat(listed.json().findValuesAsString("name")).contains("ci", "alice-admin-key");

    var withNewKey = http.get(KEYS).bearer(value).send();
    assertThat(withNewKey.status()).as("a Tasks-only key cannot list keys").isEqualTo(403);
    assertThat(withNewKey.code()).isEqualTo("INSUFFICIENT_SCOPE");
  }

  @Test
  void create_acceptsEveryCredentialForm() {
    var token = server.key(alice, "two-part", Scope.APIKey);
    assertThat(http.get(KEYS).header("apiKey", token.token()).send().status()).isEqualTo(200);
    assertThat(
            http.get(KEYS)
                .header("X-Access-Id", token.key().accessId())
                .header("X-Secret-Key", token.secret())
                .send()
                .status())
        .isEqualTo(200);
  }

  @Test
  void create_duplicateName_is409() {
    Map<String, Object> body = Map.of("name", "dup", "scopes", List.of("Tasks"));
    assertThat(http.post(KEYS).bearer(aliceToken).json(body).send().status()).isEqualTo(201);

    var again = http.post(KEYS).bearer(aliceToken).json(body).send();

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("DUPLICATE_NAME");
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
  }

  @Test
  void create_invalidInput_is422NamingTheField() {
    var noScopes = http.post(KEYS).bearer(aliceToken).json(Map.of("name", "x")).send();
    assertThat(noScopes.status()).isEqualTo(422);
    assertThat(noScopes.json().get("field").asString()).isEqualTo("scopes");

    var badScope =
        http.post(KEYS)
            .bearer(aliceToken)
            .json(Map.of("name", "x", "scopes", List.of("Root")))
            .send();
    assertThat(badScope.status()).isEqualTo(422);
    assertThat(badScope.code()).isEqualTo("INVALID_SCOPES");

    String tooLate = LocalDate.now(ZoneOffset.UTC).plusYears(2).toString();
    var late =
        http.post(KEYS)
            .bearer(aliceToken)
            .json(Map.of("name", "x", "scopes", List.of("Tasks"), "expiration_date", tooLate))
            .send();
    assertThat(late.status()).isEqualTo(422);
    assertThat(late.json().get("field").asString()).isEqualTo("expiration_date");

    var noName = http.post(KEYS).bearer(aliceToken).json(Map.of("scopes", List.of("Tasks"))).send();
    assertThat(noName.status()).isEqualTo(422);
    assertThat(noName.json().get("field").asString()).isEqualTo("name");
  }

  @Test
  void create_scopeTheCallerLacks_is403() {
    var answer =
        http.post(KEYS)
            .bearer(aliceToken)
            .json(Map.of("name", "x", "scopes", List.of("Account")))
            .send();

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.code()).isEqualTo("INSUFFICIENT_SCOPE");
  }

  @Test
  void noOrBadCredential_is401() {
    assertThat(http.get(KEYS).send().status()).isEqualTo(401);
    assertThat(http.get(KEYS).bearer("kw_nonsense").send().status()).isEqualTo(401);
    char changed = aliceToken.charAt(30) == 'x' ? 'y' : 'x';
    String tampered = aliceToken.substring(0, 30) + changed + aliceToken.substring(31);
    var answer = http.get(KEYS).bearer(tampered).send();
    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void delete_byName_is204_andTheKeyStopsAtOnce() {
    var created =
        http.post(KEYS)
            .bearer(aliceToken)
            .json(Map.of("name", "gone", "scopes", List.of("APIKey")))
            .send();
    String value = created.json().get("value").asString();
    assertThat(http.get(KEYS).bearer(value).send().status()).isEqualTo(200);

    var deleted = http.delete(KEYS + "/gone").bearer(aliceToken).send();

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(http.get(KEYS).bearer(value).send().status()).isEqualTo(401);
    assertThat(http.delete(KEYS + "/gone").bearer(aliceToken).send().status()).isEqualTo(404);
  }

  @Test
  void delete_nameWithSpaces_isPercentEncodedInThePath() {
    http.post(KEYS)
        .bearer(aliceToken)
        .json(Map.of("name", "my key é", "scopes", List.of("Tasks")))
        .send();

    var deleted = http.delete(KEYS + "/my%20key%20%C3%A9").bearer(aliceToken).send();

    assertThat(deleted.status()).isEqualTo(204);
  }

  @Test
  void delete_anotherUsersKey_is404() {
    User bob = server.fixture.user("bob", Role.member);
    server.key(bob, "bobs", Scope.Tasks);

    var answer = http.delete(KEYS + "/bobs").bearer(aliceToken).send();

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.code()).isEqualTo("KEY_NOT_FOUND");
  }

  @Test
  void expiredKey_is401() {
    server.fixture.clock.advance(java.time.Duration.ofDays(367));

    var answer = http.get(KEYS).bearer(aliceToken).send();

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.header("X-Keywarden-Code")).isEqualTo("EXPIRED");
    assertThat(answer.json().get("detail").asString()).isEqualTo("The key has expired");
  }

  @Test
  void keyOfAnotherAccount_is401_andItsObjectsAreInvisible() {
    server.fixture.otherAccount("globex");
    var answer = server.http("globex").get(KEYS).bearer(aliceToken).send();
    assertThat(answer.status()).isEqualTo(401);
  }

  @Test
  void regenerate_returnsNewValue_oldStopsAtOnce_unlessGracePeriod() {
    var created =
        http.post(KEYS)
            .bearer(aliceToken)
            .json(Map.of("name", "rot", "scopes", List.of("APIKey")))
            .send();
    String first = created.json().get("value").asString();

    var regenerated = http.post(KEYS + "/rot/regenerate").bearer(aliceToken).send();
    assertThat(regenerated.status()).as(regenerated.toString()).isEqualTo(200);
    String second = regenerated.json().get("value").asString();
    assertThat(regenerated.json().get("access_id").asString())
        .isEqualTo(created.json().get("access_id").asString());
    assertThat(http.get(KEYS).bearer(first).send().status()).isEqualTo(401);
    assertThat(http.get(KEYS).bearer(second).send().status()).isEqualTo(200);

    var graceful =
        http.post(KEYS + "/rot/regenerate")
            .bearer(aliceToken)
            .json(Map.of("grace_period_seconds", 3600))
            .send();
    assertThat(graceful.status()).isEqualTo(200);
    assertThat(graceful.json().get("previous_secret_valid_until")).isNotNull();
    assertThat(http.get(KEYS).bearer(second).send().status()).isEqualTo(200);

    var badGrace =
        http.post(KEYS + "/rot/regenerate")
            .bearer(aliceToken)
            .json(Map.of("grace_period_seconds", -1))
            .send();
    assertThat(badGrace.status()).isEqualTo(422);
    assertThat(badGrace.json().get("field").asString()).isEqualTo("grace_period_seconds");
  }

  @Test
  void patch_disablesAndEnables() {
    var created =
        http.post(KEYS)
            .bearer(aliceToken)
            .json(Map.of("name", "toggle", "scopes", List.of("APIKey")))
            .send();
    String value = created.json().get("value").asString();

    var disabled =
        http.patch(KEYS + "/toggle").bearer(aliceToken).json(Map.of("enabled", false)).send();
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
    assertThat(http.get(KEYS).bearer(value).send().status()).isEqualTo(401);

    http.patch(KEYS + "/toggle").bearer(aliceToken).json(Map.of("enabled", true)).send();
    assertThat(http.get(KEYS).bearer(value).send().status()).isEqualTo(200);

    var invalid =
        http.patch(KEYS + "/toggle").bearer(aliceToken).json(Map.of("enabled", "yes")).send();
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().get("field").asString()).isEqualTo("enabled");
    assertThat(http.patch(KEYS + "/nope").bearer(aliceToken).json(Map.of("enabled", true)).send())
        .extracting(TestHttp.Response::status)
        .isEqualTo(404);
  }

  @Test
  void scopes_listsTheNine() {
    var answer =
        http.get("/pro/user-manager/v1/user/@current/authorization-scopes")
            .bearer(aliceToken)
            .send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().findValuesAsString("name"))
        .containsExactly(
            "Authentication",
            "PublishApp",
            "PublishAimms",
            "Tasks",
            "APIKey",
            "Session",
            "Secret",
            "User",
            "Account");
    assertThat(answer.json().get(0).get("description").asString()).isNotBlank();
  }

  @Test
  void accountByPathPrefix_reachesTheSameRoutes() {
    var answer = server.httpByPath("acme").get(KEYS).bearer(aliceToken).send();
    assertThat(answer.status()).isEqualTo(200);
  }
}
