package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.Iterator;
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
    Set<String> documented = documented();
    if (!verificationRegistered()) {
      // The verification routes are registered by VerifyRoutes; until then they are only described.
      documented.removeAll(Set.of(VERIFY, FORWARD_AUTH));
    }

    assertThat(served()).containsAll(documented);
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

  private static boolean verificationRegistered() {
    try {
      Class.forName("dev.keywarden.server.VerifyRoutes");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
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

  /** "METHOD /path/{param}" for every route with methods and a fixed path, sub-routers included. */
  private static Set<String> served() {
    Set<String> operations = new TreeSet<>();
    collect(server.router(), operations);
    return operations;
  }

  private static void collect(Router router, Set<String> operations) {
    for (Iterator<Route> routes = router.getRoutes().iterator(); routes.hasNext(); ) {
      Route route = routes.next();
      if (route.getSubRouter() != null) {
        collect(route.getSubRouter(), operations);
        continue;
      }
      String path = route.getPath();
      Set<HttpMethod> methods = route.methods();
      // Filters (no method) and the viewer's static assets (a wildcard) are not operations.
      if (path == null || methods == null || methods.isEmpty() || path.endsWith("*")) {
        continue;
      }
      if (path.startsWith("/docs/")) {
        continue;
      }
      String openApiPath = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      for (HttpMethod method : methods) {
        operations.add(method.name() + " " + openApiPath);
      }
    }
  }
}
