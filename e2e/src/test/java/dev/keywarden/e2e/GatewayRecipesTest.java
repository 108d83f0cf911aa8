package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each gateway recipe in {@code docs/gateways}, as the README shows it, run by the real gateway in
 * front of the real server and a backend that records the headers it gets: the client sees 401,
 * 403, 429 with {@code Retry-After} and 503, the backend sees the key's identity and never the key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRecipesTest {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private ServerProcess server;
  private Http admin;
  private HttpServer backend;
  private final ConcurrentLinkedQueue<Map<String, String>> seen = new ConcurrentLinkedQueue<>();
  private long otherLicense;

  @BeforeAll
  void start() throws IOException {
    server = ServerProcess.start(Store.embedded());
    admin = server.demo().login();
    long first = createLicense("gateway-one");
    assertThat(first).as("the recipes require license 100001: the first license").isEqualTo(100001);
    otherLicense = createLicense("gateway-two");
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    backend.createContext(
        "/",
        exchange -> {
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach(
                  (name, values) ->
                      headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
          seen.add(headers);
          byte[] body = "backend".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    backend.start();
  }

  @AfterAll
  void stop() {
    if (backend != null) {
      backend.stop(0);
    }
    if (server != null) {
      server.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Gateway.Kind.class)
  void recipe_refusesEveryBadKey_andPassesOnlyTheIdentity(Gateway.Kind kind) throws IOException {
    String prefix = kind.name().toLowerCase(Locale.ROOT) + "-";
    try (Gateway gateway = Gateway.start(kind, server.port(), backend.getAddress().getPort())) {
      String valid = createKey(prefix + "valid", Map.of("scopes", List.of("Tasks")));
      seen.clear();
      HttpResponse<String> allowed =
          get(
              gateway,
              Map.of("Authorization", "Bearer " + valid, "X-Keywarden-Account", "spoofed"));
      assertThat(allowed.statusCode()).as(gateway.output()).isEqualTo(200);
      assertThat(allowed.body()).isEqualTo("backend");
      Map<String, String> headers = seen.poll();
      assertThat(headers)
          .containsEntry("x-keywarden-account", "demo")
          .containsEntry("x-keywarden-access-id", valid.split("_")[1])
          .containsEntry("x-keywarden-owner", "admin")
          .containsEntry("x-keywarden-scopes", "Tasks")
          .containsEntry("x-keywarden-binding", "account")
          .doesNotContainKeys("authorization", "apikey", "x-access-id", "x-secret-key");
      assertThat(String.join(" ", headers.values())).doesNotContain(valid);

      assertThat(get(gateway, Map.of("apiKey", valid)).statusCode()).isEqualTo(200);
      assertThat(seen.poll()).doesNotContainKey("apikey");

      HttpResponse<String> none = get(gateway, Map.of());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));

      assertThat(admin.send("DELETE", Http.CURRENT_KEYS + "/" + prefix + "valid", null).status())
          .isEqualTo(204);
      assertRefused(gateway, valid, 401);

      String disabled = createKey(prefix + "disabled", Map.of("scopes", List.of("Tasks")));
      assertThat(
              admin
                  .send(
                      "PATCH",
                      Http.CURRENT_KEYS + "/" + prefix + "disabled",
                      Map.of("enabled", false))
                  .status())
          .isEqualTo(200);
      assertRefused(gateway, disabled, 401);

      assertRefused(gateway, createKey(prefix + "scope", Map.of("scopes", List.of("Secret"))), 403);
      assertRefused(
          gateway,
          createKey(
              prefix + "license",
              Map.of("scopes", List.of("Tasks"), "binding", "license:" + otherLicense)),
          403);
      assertRefused(
          gateway,
          createKey(
              prefix + "ip",
              Map.of("scopes", List.of("Tasks"), "allowed_ips", List.of("192.0.2.0/24"))),
          403);

      String limited =
          createKey(
              prefix + "limited", Map.of("scopes", List.of("Tasks"), "rate_limit_per_minute", 1));
      // The node's change feed drops a new key's cache entry, and its count, within one poll
      // (100 ms) of its creation: count only after that.
      ServerProcess.sleep(500);
      assertThat(get(gateway, Map.of("Authorization", "Bearer " + limited)).statusCode())
          .isEqualTo(200);
      seen.clear();
      HttpResponse<String> throttled = get(gateway, Map.of("Authorization", "Bearer " + limited));
      assertThat(throttled.statusCode()).as(gateway.output()).isEqualTo(429);
      assertThat(throttled.headers().firstValue("Retry-After"))
          .hasValueSatisfying(value -> assertThat(Integer.parseInt(value)).isBetween(1, 60));
      assertThat(seen).isEmpty();
      assertThat(gateway.output()).doesNotContain("unexpected status");
    }
  }

  @ParameterizedTest
  @EnumSource(Gateway.Kind.class)
  void recipe_keywardenUnreachable_is503(Gateway.Kind kind) throws IOException {
    int nothing;
    try (ServerSocket socket = new ServerSocket(0)) {
      nothing = socket.getLocalPort();
    }
    try (Gateway gateway = Gateway.start(kind, nothing, backend.getAddress().getPort())) {
      seen.clear();
      HttpResponse<String> answer = get(gateway, Map.of("Authorization", "Bearer kw_x_y"));
      assertThat(answer.statusCode())
          .as(gateway.output())
          .isEqualTo(kind == Gateway.Kind.CADDY ? 502 : 503);
      assertThat(seen).isEmpty();
    }
  }

  private void assertRefused(Gateway gateway, String token, int status) {
    seen.clear();
    HttpResponse<String> answer = get(gateway, Map.of("Authorization", "Bearer " + token));
    assertThat(answer.statusCode()).as(gateway.output()).isEqualTo(status);
    assertThat(seen).as("the backend was not reached").isEmpty();
  }

  private long createLicense(String name) {
    Http.Response created =
        admin.send("POST", "/pro/user-manager/v1/licenses", Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  private String createKey(String name, Map<String, Object> fields) {
    Map<String, Object> body = new TreeMap<>(fields);
    body.put("name", name);
    Http.Response created = admin.send("POST", Http.CURRENT_KEYS, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("value").asString();
  }

  private static HttpResponse<String> get(Gateway gateway, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/job"))
            .timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
