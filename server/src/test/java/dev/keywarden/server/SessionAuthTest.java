package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.account.Account;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.user.SessionService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A portal session works on the API too: its cookie, plus its CSRF token on every change. */
class SessionAuthTest {
  static final String KEYS = "/pro/user-manager/v1/user/@current/api-key";

  TestServer server;
  TestHttp http;
  SessionService.Opened session;

  @BeforeEach
  void setUp() {
    server = TestServer.start();
    http = server.http();
    session = server.keywarden().sessions().open(server.fixture.admin);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  TestHttp.Request withCookie(TestHttp.Request request) {
    return request.header(
        "Cookie", dev.keywarden.server.auth.Authenticator.SESSION_COOKIE + "=" + session.token());
  }

  @Test
  void reads_needOnlyTheCookie() {
    var answer = withCookie(http.get(KEYS)).send();

    assertThat(answer.status()).isEqualTo(200);
    var current = withCookie(http.get("/pro/user-manager/v1/user/@current")).send();
    assertThat(current.json().get("authentication").asString()).isEqualTo("session");
    assertThat(current.json().get("user").get("username").asString()).isEqualTo("admin");
  }

  @Test
  void changes_needTheCsrfToken() {
    Map<String, Object> body = Map.of("name", "from-portal", "scopes", List.of("Tasks"));

    var without = withCookie(http.post(KEYS)).json(body).send();
    var wrong =
        withCookie(http.post(KEYS))
            .header(dev.keywarden.server.auth.Authenticator.CSRF_HEADER, "nope")
            .json(body)
            .send();
    var right =
        withCookie(http.post(KEYS))
            .header(
                dev.keywarden.server.auth.Authenticator.CSRF_HEADER, session.session().csrfToken())
            .json(body)
            .send();

    assertThat(without.status()).isEqualTo(403);
    assertThat(without.code()).isEqualTo("CSRF_FAILED");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(right.status()).isEqualTo(201);
  }

  @Test
  void unknownCookie_orAnotherAccountsSession_is401() {
    var unknown =
        http.get(KEYS)
            .header("Cookie", dev.keywarden.server.auth.Authenticator.SESSION_COOKIE + "=garbage")
            .send();
    assertThat(unknown.status()).isEqualTo(401);

    Account globex = server.fixture.otherAccount("globex");
    var theirAdmin =
        server.keywarden().users().login(globex.id(), "admin", Fixture.ADMIN_PASSWORD, "test");
    var theirs = server.keywarden().sessions().open(theirAdmin);
    var crossed =
        http.get(KEYS)
            .header(
                "Cookie",
                dev.keywarden.server.auth.Authenticator.SESSION_COOKIE + "=" + theirs.token())
            .send();
    assertThat(crossed.status()).isEqualTo(401);
  }
}
