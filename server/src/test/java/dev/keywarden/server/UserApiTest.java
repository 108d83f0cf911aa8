package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.Caller;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users of the account and "who am I" through the REST API. */
class UserApiTest {
  static final String USERS = "/pro/user-manager/v1/users";
  static final String CURRENT = "/pro/user-manager/v1/user/@current";
  static final String PASSWORD = "a long enough password";

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
  void list_showsTheAccountsUsers_toAdminsWithAuthenticationScope() {
    var answer = http.get(USERS).bearer(admin).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().findValuesAsString("username")).containsExactly("admin", "alice");
    assertThat(answer.json().findValuesAsString("role")).containsExactly("admin", "member");
    assertThat(answer.body()).doesNotContain("password").doesNotContain("$argon2");

    assertThat(http.get(USERS).bearer(member).send().code()).isEqualTo("ADMIN_REQUIRED");
    String noScope = server.token(server.fixture.admin, "keys-only", Scope.APIKey);
    var scopeless = http.get(USERS).bearer(noScope).send();
    assertThat(scopeless.status()).isEqualTo(403);
    assertThat(scopeless.code()).isEqualTo("INSUFFICIENT_SCOPE");
    assertThat(http.get(USERS).send().status()).isEqualTo(401);
  }

  @Test
  void create_returns201_withoutThePassword() {
    var answer =
        http.post(USERS)
            .bearer(admin)
            .json(Map.of("username", "carol", "password", PASSWORD, "role", "admin"))
            .send();

    assertThat(answer.status()).isEqualTo(201);
    assertThat(answer.json().get("username").asString()).isEqualTo("carol");
    assertThat(answer.json().get("role").asString()).isEqualTo("admin");
    assertThat(answer.json().get("created_at").asString()).endsWith("Z");
    assertThat(answer.body()).doesNotContain(PASSWORD);

    var defaulted =
        http.post(USERS).bearer(admin).json(Map.of("username", "dave", "password", PASSWORD));
    assertThat(defaulted.send().json().get("role").asString()).isEqualTo("member");
  }

  @Test
  void create_invalidDuplicateForbidden() {
    assertThat(
            http.post(USERS)
                .bearer(admin)
                .json(Map.of("username", "alice", "password", PASSWORD))
                .send()
                .status())
        .isEqualTo(409);
    assertField(Map.of("username", "carol", "password", "short"), "password");
    assertField(Map.of("username", "carol", "password", PASSWORD, "role", "root"), "role");
    assertField(Map.of("username", "no spaces", "password", PASSWORD), "username");
    assertField(Map.of("password", PASSWORD), "username");

    var byMember =
        http.post(USERS)
            .bearer(member)
            .json(Map.of("username", "carol", "password", PASSWORD))
            .send();
    assertThat(byMember.status()).isEqualTo(403);
  }

  private void assertField(Map<String, Object> body, String field) {
    var answer = http.post(USERS).bearer(admin).json(body).send();
    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.json().get("field").asString()).isEqualTo(field);
  }

  @Test
  void delete_removesTheUserAndStopsItsKeys() {
    var deleted = http.delete(USERS + "/alice").bearer(admin).send();

    assertThat(deleted.status()).isEqualTo(204);
    assertThat(http.get(CURRENT).bearer(member).send().status()).isEqualTo(401);
    assertThat(http.delete(USERS + "/alice").bearer(admin).send().status()).isEqualTo(404);
  }

  @Test
  void delete_otherAccountsUser_is404_lastAdmin_is409_member_is403() {
    Account globex = server.fixture.otherAccount("globex");
    server
        .keywarden()
        .users()
        .create(
            Caller.operator(globex.id(), "globex"), "carol", Fixture.ADMIN_PASSWORD, Role.member);

    assertThat(http.delete(USERS + "/carol").bearer(admin).send().status()).isEqualTo(404);
    assertThat(http.delete(USERS + "/admin").bearer(member).send().status()).isEqualTo(403);
    var last = http.delete(USERS + "/admin").bearer(admin).send();
    assertThat(last.status()).isEqualTo(409);
    assertThat(last.code()).isEqualTo("LAST_ADMIN");
  }

  @Test
  void current_describesTheCaller() {
    var answer = http.get(CURRENT).bearer(member).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("account").asString()).isEqualTo("acme");
    assertThat(answer.json().get("authentication").asString()).isEqualTo("key");
    assertThat(answer.json().get("user").get("username").asString()).isEqualTo("alice");
    assertThat(answer.json().get("role").asString()).isEqualTo("member");
    assertThat(answer.json().get("binding").asString()).isEqualTo("account");
    assertThat(answer.json().get("access_id").asString()).hasSize(16);
    assertThat(http.get(CURRENT).send().status()).isEqualTo(401);
  }

  @Test
  void current_ofALicenseKey_hasNoUser() {
    var license = server.fixture.license("L");

    var answer = http.get(CURRENT).bearer(license.defaultKey().token()).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("user")).isNull();
    assertThat(answer.json().get("binding").asString())
        .isEqualTo("license:" + license.license().id());
  }
}
