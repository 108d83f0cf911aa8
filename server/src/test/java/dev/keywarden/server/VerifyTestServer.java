package dev.keywarden.server;

import dev.keywarden.core.Keywarden;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A real {@link KeywardenServer} on a free port over a Keywarden node, with an HTTP client that
 * addresses an account by the {@code /a/<account>} prefix. Close it after the test (the node is
 * closed by whoever opened it).
 */
final class VerifyTestServer implements AutoCloseable {
  final KeywardenServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private VerifyTestServer(KeywardenServer server) {
    this.server = server;
  }

  static VerifyTestServer start(Keywarden keywarden) {
    return start(keywarden, config -> config);
  }

  static VerifyTestServer start(
      Keywarden keywarden, java.util.function.UnaryOperator<ServerConfig> configure) {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            "localhost",
            null,
            dev.keywarden.server.auth.CredentialHeaders.DEFAULT,
            64 * 1024);
    return new VerifyTestServer(KeywardenServer.start(keywarden, configure.apply(config)));
  }

  int port() {
    return server.port();
  }

  URI uri(String account, String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + "/a/" + account + pathAndQuery);
  }

  /** {@code POST …/verify} with the caller's token and a JSON body. */
  HttpResponse<String> verify(String account, String callerToken, String json) {
    return send(
        HttpRequest.newBuilder(uri(account, Routes.VERIFY))
            .header("Authorization", "Bearer " + callerToken)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** {@code GET …/forward-auth} with extra headers (name, value, name, value…). */
  HttpResponse<String> forwardAuth(String account, String query, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                uri(account, Routes.FORWARD_AUTH + (query == null ? "" : "?" + query)))
            .GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }
}
