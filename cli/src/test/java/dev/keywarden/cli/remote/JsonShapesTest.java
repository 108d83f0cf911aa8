package dev.keywarden.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.cli.remote.RemoteTestServer.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --json} is the API's JSON: for the same object, the command line against the server, the
 * command line on the store and the API's own body carry the same fields, in the same order, with
 * the same values.
 */
class JsonShapesTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static RemoteTestServer server;

  @TempDir Path temp;

  @BeforeAll
  static void start() {
    server = RemoteTestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void emptyEnvironment() {
    RemoteEnvironment.override(Map.of(), temp);
  }

  @AfterEach
  void realEnvironment() {
    RemoteEnvironment.reset();
  }

  private Run onStore(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(server.storeArgs(temp));
    Run run = RemoteTestServer.run(all.toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  private static Run onServer(String... args) {
    Run run = server.asAdmin(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run;
  }

  private static String api(String path) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(server.url() + "/a/acme/pro/user-manager/v1" + path))
                  .header("Authorization", "Bearer " + server.adminToken)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return response.body();
    }
  }

  private static JsonNode named(String json, String field, String value) {
    return JSON.readTree(json)
        .valueStream()
        .filter(node -> value.equals(node.get(field).asString()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + value + " in " + json));
  }

  /** The same fields, in the same order, with the same values. */
  private static void assertSameObject(JsonNode actual, JsonNode expected) {
    assertThat(actual.propertyNames()).containsExactlyElementsOf(expected.propertyNames());
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void key_isTheSameObject_onTheServer_onTheStore_andInTheApi() throws Exception {
    JsonNode created =
        JSON.readTree(
            onStore(
                    "keys",
                    "create",
                    "shaped",
                    "--user",
                    "admin",
                    "--scopes",
                    "APIKey,Tasks",
                    "--description",
                    "for the shapes test",
                    "--json")
                .out());
    assertThat(created.get("value").asString()).startsWith("kw_");

    JsonNode fromApi = named(api("/user/@current/api-key"), "name", "shaped");
    JsonNode fromServer = named(onServer("keys", "list", "--json").out(), "name", "shaped");
    JsonNode fromStore =
        named(onStore("keys", "list", "--user", "admin", "--json").out(), "name", "shaped");

    assertSameObject(fromServer, fromApi);
    assertSameObject(fromStore, fromApi);
    assertThat(fromApi.has("created_by")).isTrue();
    assertThat(fromApi.has("default")).isTrue();
    assertThat(fromApi.has("is_default")).isFalse();
    assertThat(fromApi.has("last_used_at")).as("absent, not null, until used").isFalse();
    // The object just created is the listed one plus its value, shown this once.
    ((tools.jackson.databind.node.ObjectNode) created).remove("value");
    assertSameObject(created, fromApi);
  }

  @Test
  void accountKeys_onTheStore_areTheApisBody_byteForByte() throws Exception {
    onStore("keys", "create", "bytes", "--user", "admin", "--scopes", "Tasks");

    String fromStore = onStore("keys", "list", "--json").out().strip();
    JsonNode fromApi = named(api("/api-keys"), "name", "bytes");

    assertSameObject(named(fromStore, "name", "bytes"), fromApi);
    assertThat(fromStore).contains(JSON.writeValueAsString(fromApi));
  }

  @Test
  void license_andUser_areTheSameObjects_everywhere() throws Exception {
    JsonNode license = JSON.readTree(onStore("licenses", "create", "Shapes", "--json").out());
    assertThat(license.get("default_key").get("value").asString()).startsWith("kw_");
    String id = license.get("id").asString();

    JsonNode fromApi = named(api("/licenses"), "id", id);
    assertSameObject(named(onServer("licenses", "list", "--json").out(), "id", id), fromApi);
    assertSameObject(named(onStore("licenses", "list", "--json").out(), "id", id), fromApi);

    JsonNode keyFromApi = named(api("/licenses/" + id + "/api-keys"), "name", "default");
    assertSameObject(
        named(onServer("keys", "list", "--license", id, "--json").out(), "name", "default"),
        keyFromApi);
    assertSameObject(
        named(onStore("keys", "list", "--license", id, "--json").out(), "name", "default"),
        keyFromApi);

    onStore("users", "create", "shape-user", "--json");
    JsonNode userFromApi = named(api("/users"), "username", "shape-user");
    assertSameObject(
        named(onServer("users", "list", "--json").out(), "username", "shape-user"), userFromApi);
    assertSameObject(
        named(onStore("users", "list", "--json").out(), "username", "shape-user"), userFromApi);
  }

  @Test
  void remoteJson_isTheServersAnswer_asItCame() throws Exception {
    assertThat(onServer("scopes", "--json").out().strip())
        .isEqualTo(api("/user/@current/authorization-scopes"));
    assertThat(onServer("licenses", "list", "--json").out().strip()).isEqualTo(api("/licenses"));
    assertThat(onServer("users", "list", "--json").out().strip()).isEqualTo(api("/users"));
  }
}
