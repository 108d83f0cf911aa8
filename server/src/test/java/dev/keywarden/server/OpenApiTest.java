package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.server.http.RouteTable;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document served at {@code /openapi.json} describes every route, and only those. */
class OpenApiTest {
  static final String VERIFY = "POST /pro/user-manager/v1/verify";
  static final String FORWARD_AUTH = "GET /pro/user-manager/v1/forward-auth";

  static TestServer server;
  static JsonNode document;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    var answer = server.httpWithoutAccount().get("/openapi.json").send();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    document = answer.json();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void document_isOpenApi31() {
    assertThat(document.get("openapi").asString()).isEqualTo("3.1.0");
    assertThat(document.get("info").get("title").asString()).isNotBlank();
  }

  @Test
  void everyRoute_isDocumented() {
    Set<String> served = served();
    assertThat(served).hasSizeGreaterThan(20);

    assertThat(documented()).containsAll(served);
  }

  @Test
  void everyDocumentedOperation_isServed() {
    assertThat(served()).containsAll(documented());
  }

  @Test
  void verificationEndpoints_areDescribed() {
    assertThat(documented()).contains(VERIFY, FORWARD_AUTH);
    JsonNode result = document.get("components").get("schemas").get("VerifyResult");
    assertThat(result.get("properties").propertyNames())
        .contains(
            "valid",
            "code",
            "access_id",
            "account",
            "owner",
            "name",
            "scopes",
            "binding",
            "expires_at",
            "api_version");
  }

  @Test
  void deprecatedEndpoint_isMarkedDeprecated() {
    JsonNode legacy = document.get("paths").get("/pro-api/v1/api-keys");
    assertThat(legacy.get("get").get("deprecated").asBoolean()).isTrue();
    assertThat(legacy.get("post").get("deprecated").asBoolean()).isTrue();
  }

  @Test
  void answers_haveTheDocumentedFields() {
    TestHttp http = server.http();
    String admin = server.adminToken();
    String um = "/pro/user-manager/v1";
    var key =
        http.post(um + "/user/@current/api-key")
            .bearer(admin)
            .json(java.util.Map.of("name", "doc", "scopes", java.util.List.of("Tasks")))
            .send();
    assertMatches(key.json(), "CreatedApiKey");
    var license = http.post(um + "/licenses").bearer(admin).json("{\"name\":\"doc\"}").send();
    assertMatches(license.json(), "CreatedLicense");
    long id = license.json().get("id").asLong();
    assertMatches(http.get(um + "/licenses/" + id).bearer(admin).send().json(), "License");
    assertEachMatches(
        http.get(um + "/licenses/" + id + "/api-keys").bearer(admin).send(), "ApiKey");
    assertEachMatches(http.get(um + "/user/@current/api-key").bearer(admin).send(), "ApiKey");
    assertEachMatches(http.get(um + "/api-keys").bearer(admin).send(), "ApiKey");
    assertEachMatches(
        http.get(um + "/user/@current/authorization-scopes").bearer(admin).send(), "ScopeInfo");
    assertMatches(http.get(um + "/user/@current").bearer(admin).send().json(), "Current");
    assertEachMatches(http.get(um + "/users").bearer(admin).send(), "User");
    assertMatches(http.get(um + "/account/policy").bearer(admin).send().json(), "Policy");
    assertEachMatches(http.get(um + "/audit").bearer(admin).send(), "AuditEvent");
    assertMatches(http.get(um + "/nope").send().json(), "Problem");
    String token = key.json().get("value").asString();
    var verdict =
        http.post(um + "/verify").bearer(admin).json(java.util.Map.of("key", token)).send();
    assertMatches(verdict.json(), "VerifyResult");
  }

  private static void assertEachMatches(TestHttp.Response answer, String schema) {
    assertThat(answer.json().isArray()).as(answer.toString()).isTrue();
    assertThat(answer.json().size()).as(answer.toString()).isPositive();
    answer.json().forEach(item -> assertMatches(item, schema));
  }

  /** The answer has every required field of the schema, and no field the schema does not name. */
  private static void assertMatches(JsonNode answer, String schema) {
    Set<String> required = new TreeSet<>();
    Set<String> declared = new TreeSet<>();
    collectFields(document.get("components").get("schemas").get(schema), required, declared);
    Set<String> present = new TreeSet<>(answer.propertyNames());
    assertThat(present).as(schema + " required in " + answer).containsAll(required);
    assertThat(declared).as(schema + " declares all of " + answer).containsAll(present);
  }

  private static void collectFields(JsonNode schema, Set<String> required, Set<String> declared) {
    if (schema.has("$ref")) {
      String name = schema.get("$ref").asString().replace("#/components/schemas/", "");
      collectFields(document.get("components").get("schemas").get(name), required, declared);
    }
    if (schema.has("allOf")) {
      schema.get("allOf").forEach(part -> collectFields(part, required, declared));
    }
    if (schema.has("required")) {
      schema.get("required").forEach(field -> required.add(field.asString()));
    }
    if (schema.has("properties")) {
      declared.addAll(schema.get("properties").propertyNames());
    }
  }

  /** "METHOD /path/{param}" for every operation in the document. */
  private static Set<String> documented() {
    Set<String> operations = new TreeSet<>();
    JsonNode paths = document.get("paths");
    for (String path : paths.propertyNames()) {
      for (String method : paths.get(path).propertyNames()) {
        operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
      }
    }
    return operations;
  }

  /** "METHOD /path/{param}" for every route of the server's route table but the viewer's files. */
  private static Set<String> served() {
    Set<String> operations = new TreeSet<>();
    for (RouteTable.Route route : server.routes().routes()) {
      if (route.path().startsWith("/docs/")) {
        continue;
      }
      String openApiPath = route.path().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      operations.add(route.method().name() + " " + openApiPath);
    }
    return operations;
  }
}
