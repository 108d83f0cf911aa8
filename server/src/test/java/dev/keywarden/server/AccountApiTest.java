package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.Caller;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account's policy, its audit trail and every key of the account. */
class AccountApiTest {
  static final String POLICY = "/pro/user-manager/v1/account/policy";
  static final String AUDIT = "/pro/user-manager/v1/audit";
  static final String ALL_KEYS = "/pro/user-manager/v1/api-keys";
  static final String OWN_KEYS = "/pro/user-manager/v1/user/@current/api-key";

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
  void policy_defaultsToOneYearAndEveryScope() {
    var answer = http.get(POLICY).bearer(member).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().get("max_key_lifetime_days").isNull()).isTrue();
    assertThat(answer.json().get("allowed_scopes").size()).isEqualTo(9);
    String noScope = server.token(alice, "keys-only", Scope.APIKey);
    assertThat(http.get(POLICY).bearer(noScope).send().code()).isEqualTo("INSUFFICIENT_SCOPE");
    assertThat(http.get(POLICY).send().status()).isEqualTo(401);
  }

  @Test
  void policy_update_restrictsNewKeys() {
    var updated =
        http.put(POLICY)
            .bearer(admin)
            .json(Map.of("max_key_lifetime_days", 30, "allowed_scopes", List.of("Tasks", "APIKey")))
            .send();
    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.json().get("max_key_lifetime_days").asInt()).isEqualTo(30);
    assertThat(http.get(POLICY).bearer(admin).send().json().get("allowed_scopes").toString())
        .isEqualTo("[\"Tasks\",\"APIKey\"]");

    var forbiddenScope =
        http.post(OWN_KEYS)
            .bearer(member)
            .json(Map.of("name", "s", "scopes", List.of("Session")))
            .send();
    assertThat(forbiddenScope.status()).isEqualTo(422);
    assertThat(forbiddenScope.code()).isEqualTo("INVALID_SCOPES");
    String late = LocalDate.now(ZoneOffset.UTC).plusDays(60).toString();
    var tooLong =
        http.post(OWN_KEYS)
            .bearer(member)
            .json(Map.of("name", "t", "scopes", List.of("Tasks"), "expiration_date", late))
            .send();
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.json().get("field").asString()).isEqualTo("expiration_date");
  }

  @Test
  void policy_update_invalidOrForbidden() {
    var tooLong = http.put(POLICY).bearer(admin).json(Map.of("max_key_lifetime_days", 400)).send();
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.json().get("field").asString()).isEqualTo("max_key_lifetime_days");
    var unknown =
        http.put(POLICY).bearer(admin).json(Map.of("allowed_scopes", List.of("Root"))).send();
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.json().get("field").asString()).isEqualTo("allowed_scopes");
    var byMember = http.put(POLICY).bearer(member).json(Map.of()).send();
    assertThat(byMember.status()).isEqualTo(403);
    assertThat(http.put(POLICY).json(Map.of()).send().status()).isEqualTo(401);
  }

  @Test
  void audit_listsChangesNewestFirst_neverASecret() {
    var created =
        http.post(OWN_KEYS)
            .bearer(member)
            .json(Map.of("name", "audited", "scopes", List.of("Tasks")))
            .send();
    String value = created.json().get("value").asString();
    http.delete(OWN_KEYS + "/audited").bearer(member).send();

    var answer = http.get(AUDIT + "?limit=2").bearer(admin).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().size()).isEqualTo(2);
    assertThat(answer.json().findValuesAsString("action"))
        .containsExactly("key.delete", "key.create");
    assertThat(answer.json().get(0).get("actor").asString()).startsWith("key:");
    assertThat(answer.json().get(0).get("occurred_at").asString()).endsWith("Z");
    assertThat(answer.json().get(0).get("source_ip").asString()).isEqualTo("127.0.0.1");
    String all = http.get(AUDIT).bearer(admin).send().body();
    assertThat(all).doesNotContain(value).doesNotContain(value.substring(20, 50));
  }

  @Test
  void audit_invalidLimitForbiddenAndOtherAccounts() {
    var zero = http.get(AUDIT + "?limit=0").bearer(admin).send();
    assertThat(zero.status()).isEqualTo(422);
    assertThat(zero.json().get("field").asString()).isEqualTo("limit");
    assertThat(http.get(AUDIT + "?limit=abc").bearer(admin).send().status()).isEqualTo(422);
    assertThat(http.get(AUDIT).bearer(member).send().status()).isEqualTo(403);
    assertThat(http.get(AUDIT).send().status()).isEqualTo(401);

    Account globex = server.fixture.otherAccount("globex");
    assertThat(http.get(AUDIT + "?limit=1000").bearer(admin).send().body())
        .doesNotContain("globex");
    String theirs =
        server
            .keywarden()
            .keys()
            .createForUser(
                Caller.operator(globex.id(), "globex"),
                "admin",
                NewKey.of("theirs", Set.of(Scope.values())))
            .token();
    assertThat(server.http("globex").get(AUDIT).bearer(theirs).send().body())
        .doesNotContain("acme")
        .doesNotContain("alice");
  }

  @Test
  void allKeys_listsEveryKeyOfTheAccount_forAdmins() {
    var answer = http.get(ALL_KEYS).bearer(admin).send();

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json().findValuesAsString("owner")).contains("admin", "alice");
    assertThat(answer.body()).doesNotContain("\"value\"");
    assertThat(http.get(ALL_KEYS).bearer(member).send().code()).isEqualTo("ADMIN_REQUIRED");
    String noScope = server.token(server.fixture.admin, "policy-only", Scope.Account);
    assertThat(http.get(ALL_KEYS).bearer(noScope).send().status()).isEqualTo(403);
    assertThat(http.get(ALL_KEYS).send().status()).isEqualTo(401);
  }
}
