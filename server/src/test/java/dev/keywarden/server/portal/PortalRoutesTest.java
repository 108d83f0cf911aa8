package dev.keywarden.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.testing.Fixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalRoutesTest {
  private static final Pattern CSRF = Pattern.compile("\"csrf_token\":\"([^\"]+)\"");
  private final HttpClient http = HttpClient.newHttpClient();
  private PortalServer server;

  @BeforeAll
  void start() {
    server = PortalServer.start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.prefixBase() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> login(String username, String password) throws Exception {
    return send(
        "POST",
        "/portal/login",
        "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}",
        "Content-Type",
        "application/json");
  }

  /** A logged-in session: its cookie header value and CSRF token. */
  private record Session(String cookie, String csrf) {}

  private Session adminSession() throws Exception {
    HttpResponse<String> response = login("admin", Fixture.ADMIN_PASSWORD);
    assertThat(response.statusCode()).isEqualTo(200);
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    Matcher csrf = CSRF.matcher(response.body());
    assertThat(csrf.find()).isTrue();
    return new Session(setCookie.substring(0, setCookie.indexOf(';')), csrf.group(1));
  }

  @Test
  void login_rightPassword_setsStrictHttpOnlySessionCookie() throws Exception {
    HttpResponse<String> response = login("admin", Fixture.ADMIN_PASSWORD);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"username\":\"admin\"", "\"role\":\"admin\"");
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith("kw_session=");
    assertThat(cookie.toLowerCase(java.util.Locale.ROOT))
        .contains("; httponly", "; samesite=strict", "; path=/")
        .doesNotContain("secure");
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void login_behindATlsProxy_marksTheCookieSecure() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/portal/login",
            "{\"username\":\"admin\",\"password\":\"" + Fixture.ADMIN_PASSWORD + "\"}",
            "Content-Type",
            "application/json",
            "X-Forwarded-Proto",
            "https");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Set-Cookie").orElseThrow().toLowerCase())
        .contains("; secure");
  }

  @Test
  void login_wrongPassword_isUnauthorizedWithoutCookie() throws Exception {
    HttpResponse<String> response = login("admin", "not the password at all");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("LOGIN_FAILED");
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void login_repeatedFailures_isThrottledWithRetryAfter() throws Exception {
    // Its own server: the throttle also counts failures per address, which would block the others.
    PortalServer shared = server;
    HttpResponse<String> response = null;
    try (PortalServer own = PortalServer.start()) {
      server = own;
      for (int attempt = 0; attempt < 6; attempt++) {
        response = login("admin", "wrong password " + attempt);
      }
    } finally {
      server = shared;
    }

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.body()).contains("THROTTLED", "Too many failed logins");
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
  }

  @Test
  void login_formBody_isUnsupportedMediaType() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/portal/login",
            "username=admin&password=x",
            "Content-Type",
            "application/x-www-form-urlencoded");

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void login_missingPassword_namesTheField() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/portal/login",
            "{\"username\":\"admin\"}",
            "Content-Type",
            "application/json");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("\"field\":\"password\"");
  }

  @Test
  void session_withoutCookie_isUnauthorized() throws Exception {
    assertThat(send("GET", "/portal/session", null).statusCode()).isEqualTo(401);
  }

  @Test
  void session_afterLogin_returnsUserRoleAndCsrfToken() throws Exception {
    Session session = adminSession();

    HttpResponse<String> response =
        send("GET", "/portal/session", null, "Cookie", session.cookie());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"username\":\"admin\"", "\"role\":\"admin\"", session.csrf());
  }

  @Test
  void apiChange_withSessionButNoCsrfToken_isForbidden() throws Exception {
    Session session = adminSession();
    String body = "{\"name\":\"ci\",\"scopes\":[\"Tasks\"]}";
    String path = "/pro/user-manager/v1/user/@current/api-key";

    HttpResponse<String> without =
        send("POST", path, body, "Cookie", session.cookie(), "Content-Type", "application/json");
    HttpResponse<String> with =
        send(
            "POST",
            path,
            body,
            "Cookie",
            session.cookie(),
            "Content-Type",
            "application/json",
            "X-CSRF-Token",
            session.csrf());

    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(without.body()).contains("CSRF_FAILED");
    assertThat(with.statusCode()).isEqualTo(201);
  }

  @Test
  void logout_withoutCsrfToken_isForbidden() throws Exception {
    Session session = adminSession();

    HttpResponse<String> response =
        send("POST", "/portal/logout", null, "Cookie", session.cookie());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(send("GET", "/portal/session", null, "Cookie", session.cookie()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void logout_withCsrfToken_endsTheSessionAndClearsTheCookie() throws Exception {
    Session session = adminSession();

    HttpResponse<String> response =
        send(
            "POST",
            "/portal/logout",
            null,
            "Cookie",
            session.cookie(),
            "X-CSRF-Token",
            session.csrf());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("Set-Cookie").orElseThrow())
        .contains("kw_session=", "Max-Age=0");
    assertThat(send("GET", "/portal/session", null, "Cookie", session.cookie()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void pages_areServedWithAStrictContentSecurityPolicy() throws Exception {
    for (String page : PortalAssets.PAGES) {
      HttpResponse<String> response = send("GET", "/portal/" + page, null);

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("text/html");
      String policy = response.headers().firstValue("Content-Security-Policy").orElseThrow();
      assertThat(policy)
          .contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
      assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
  }

  @Test
  void portalRoot_redirectsToTheKeysPage() throws Exception {
    HttpResponse<String> response = send("GET", "/portal/", null);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("keys");
  }

  @Test
  void accountHome_redirectsToTheKeysPage() throws Exception {
    HttpResponse<String> response = send("GET", "/", null);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("portal/keys");
  }

  @Test
  void portalWithoutSlash_redirectsToTheKeysPage() throws Exception {
    HttpResponse<String> response = send("GET", "/portal", null);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValue("portal/keys");
  }

  @Test
  void assets_areServedFromTheClassPath_andUnknownOnesAreNotFound() throws Exception {
    for (String asset : PortalAssets.ASSETS) {
      assertThat(send("GET", "/portal/assets/" + asset, null).statusCode()).isEqualTo(200);
    }
    assertThat(send("GET", "/portal/assets/nothing.js", null).statusCode()).isEqualTo(404);
  }

  @Test
  void pagesAndScripts_haveNoInlineCodeNorHtmlInjection() throws IOException {
    for (String page : PortalAssets.PAGES) {
      String html = resource("portal/" + page + ".html");
      assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
      assertThat(html).doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain(" style=");
      assertThat(html).doesNotContain("http://", "https://");
    }
    for (String asset : List.of("app.js", "login.js", "keys.js", "licenses.js", "users.js")) {
      assertThat(resource("portal/assets/" + asset))
          .as(asset)
          .doesNotContain(
              "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = PortalRoutesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
