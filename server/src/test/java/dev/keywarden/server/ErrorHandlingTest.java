package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad requests of every kind answer a problem document with the right status, never a 500 (SPEC
 * §4).
 */
class ErrorHandlingTest {
  static final String KEYS = "/pro/user-manager/v1/user/@current/api-key";

  static TestServer server;
  static TestHttp http;
  static String admin;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    http = server.http();
    admin = server.adminToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static void assertProblem(TestHttp.Response answer, int status, String code) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(answer.code()).isEqualTo(code);
    assertThat(answer.json().get("status").asInt()).isEqualTo(status);
    assertThat(answer.json().get("title").asString()).isNotBlank();
    assertThat(answer.json().get("type").asString()).startsWith("https://");
  }

  @Test
  void bodyOverTheLimit_is413() {
    String big = "{\"name\":\"" + "x".repeat(70_000) + "\"}";

    assertProblem(http.post(KEYS).bearer(admin).json(big).send(), 413, "BODY_TOO_LARGE");
  }

  @Test
  void nonJsonContentType_is415() {
    assertProblem(
        http.post(KEYS).bearer(admin).body("text/plain", "name=x").send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(
        http.post(KEYS).bearer(admin).body("application/x-www-form-urlencoded", "a=b").send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertProblem(http.post(KEYS).bearer(admin).send(), 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void jsonWithCharset_isAccepted() {
    var answer =
        http.post(KEYS)
            .bearer(admin)
            .body("application/json; charset=utf-8", "{\"name\":\"cs\",\"scopes\":[\"Tasks\"]}")
            .send();

    assertThat(answer.status()).isEqualTo(201);
  }

  @Test
  void malformedJson_is400() {
    for (String body : List.of("{", "{\"name\":", "nul", "{\"a\":1}}", "[1,2]", "\"text\"", "")) {
      var answer = http.post(KEYS).bearer(admin).json(body).send();
      assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
      assertThat(answer.code()).isIn("MALFORMED_JSON", "INVALID_INPUT");
    }
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertThat(http.post(KEYS).bearer(admin).json(deep).send().status()).isEqualTo(400);
  }

  @Test
  void wrongTypes_are422NamingTheField() {
    for (var body :
        List.<Map<String, Object>>of(
            Map.of("name", 5, "scopes", List.of("Tasks")),
            Map.of("name", "a", "scopes", List.of(1)),
            Map.of("name", "a", "scopes", List.of("Tasks"), "expiration_date", "tomorrow"),
            Map.of("name", "a", "scopes", List.of("Tasks"), "rate_limit_per_minute", 1e20),
            Map.of("name", "a", "scopes", List.of("Tasks"), "binding", "planet:1"),
            Map.of("name", "a", "scopes", List.of("Tasks"), "allowed_ips", List.of("x")))) {
      var answer = http.post(KEYS).bearer(admin).json(body).send();
      assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(422);
      assertThat(answer.json().get("field")).as(answer.toString()).isNotNull();
    }
  }

  @Test
  void keyInTheQueryString_is400() {
    assertProblem(http.get(KEYS + "?api_key=" + admin).send(), 400, "KEY_IN_URL");
    assertProblem(http.get(KEYS + "?x=" + admin).bearer(admin).send(), 400, "KEY_IN_URL");
  }

  @Test
  void unknownRoute_is404Problem() {
    assertProblem(http.get("/nothing/here").bearer(admin).send(), 404, "NOT_FOUND");
    assertProblem(http.get("/pro/user-manager/v1/nope").send(), 404, "NOT_FOUND");
    assertProblem(server.httpWithoutAccount().get("/nothing").send(), 404, "ACCOUNT_NOT_FOUND");
  }

  @Test
  void wrongMethod_is405() {
    var answer =
        http.delete("/pro/user-manager/v1/user/@current/authorization-scopes").bearer(admin).send();
    assertProblem(answer, 405, "METHOD_NOT_ALLOWED");
    assertThat(answer.header("Allow")).isEqualTo("GET");
    var prefixed =
        server
            .httpByPath("acme")
            .put("/pro/user-manager/v1/licenses")
            .bearer(admin)
            .json("{}")
            .send();
    assertProblem(prefixed, 405, "METHOD_NOT_ALLOWED");
    assertThat(prefixed.header("Allow")).isEqualTo("GET, POST");
    assertProblem(
        http.put("/pro/user-manager/v1/licenses/7/api-keys/x").bearer(admin).json("{}").send(),
        405,
        "METHOD_NOT_ALLOWED");
  }

  @Test
  void unknownAccount_is404() {
    assertProblem(server.http("nobody").get(KEYS).bearer(admin).send(), 404, "ACCOUNT_NOT_FOUND");
    assertProblem(
        server.httpByPath("nobody").get(KEYS).bearer(admin).send(), 404, "ACCOUNT_NOT_FOUND");
  }

  @Test
  void unauthenticated_saysHowToAuthenticate() {
    assertThat(http.get(KEYS).send().header("WWW-Authenticate")).startsWith("Bearer");
  }

  @Test
  void malformedCredentials_are401() {
    assertProblem(http.get(KEYS).header("Authorization", "Bearer ").send(), 401, "UNAUTHENTICATED");
    assertProblem(
        http.get(KEYS).header("Authorization", "Basic abc").send(), 401, "UNAUTHENTICATED");
    assertProblem(http.get(KEYS).header("X-Access-Id", "only-half").send(), 401, "UNAUTHENTICATED");
    assertProblem(http.get(KEYS).header("apiKey", "é".repeat(300)).send(), 401, "UNAUTHENTICATED");
  }

  @Test
  void healthAndDocs_needNoAccount() {
    assertThat(server.management().get("/healthz").send().status()).isEqualTo(200);
    assertThat(server.management().get("/readyz").send().status()).isEqualTo(200);
    assertThat(server.management().get("/version").send().json().get("version").toString())
        .matches("\"[0-9].*\"");
    assertThat(server.management().get("/metrics").send().body())
        .contains("keywarden_build_info{version=\"")
        .contains("keywarden_http_responses_total{class=\"2xx\"}");
    // Operators' routes are not on the public port.
    for (String path : List.of("/healthz", "/readyz", "/metrics", "/version")) {
      assertThat(server.httpWithoutAccount().get(path).send().status()).isEqualTo(404);
    }
    assertThat(server.httpWithoutAccount().get("/docs").send().header("Location"))
        .isEqualTo("/docs/");
    var docs = server.httpWithoutAccount().get("/docs/").send();
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("swagger-ui-bundle.js");
    var bundle = server.httpWithoutAccount().get("/docs/swagger-ui-bundle.js").send();
    assertThat(bundle.status()).isEqualTo(200);
    assertThat(server.httpWithoutAccount().get("/docs/init.js").send().body())
        .contains("/openapi.json");
    assertThat(server.httpWithoutAccount().get("/openapi.json").send().json().get("openapi"))
        .isNotNull();
  }
}
