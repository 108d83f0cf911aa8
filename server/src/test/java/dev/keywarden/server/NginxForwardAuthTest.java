package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx with {@code auth_request} in front of a protected location: Keywarden's forward-auth
 * decides, and the backend sees the key's identity in a header. Needs {@code /usr/sbin/nginx}
 * ({@code apt-get install nginx}); nginx runs as a child process with its own prefix and port.
 */
class NginxForwardAuthTest {
  private static final Path NGINX = Path.of("/usr/sbin/nginx");

  @TempDir Path prefix;
  private Fixture fixture;
  private VerifyTestServer keywarden;
  private HttpServer backend;
  private Process nginx;
  private int nginxPort;
  private User bob;

  @BeforeEach
  void start() throws Exception {
    assertThat(Files.isExecutable(NGINX))
        .as("this test needs nginx at %s: apt-get install -y nginx", NGINX)
        .isTrue();
    fixture = Fixture.create(TestDatabases.h2());
    keywarden = VerifyTestServer.start(fixture.keywarden);
    bob = fixture.user("bob", Role.member);
    backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    backend.createContext(
        "/",
        exchange -> {
          String who = exchange.getRequestHeaders().getFirst("X-Keywarden-Access-Id");
          byte[] body = ("backend sees " + who).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("X-Seen-Access-Id", String.valueOf(who));
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    backend.start();
    nginxPort = freePort();
    nginx = startNginx();
  }

  @AfterEach
  void stop() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
      }
    }
    if (backend != null) {
      backend.stop(0);
    }
    if (keywarden != null) {
      keywarden.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void protectedLocation_withoutKey_is401() {
    assertThat(get(null).statusCode()).isEqualTo(401);
  }

  @Test
  void protectedLocation_validKey_reachesBackendWithIdentity_untilDeleted() {
    CreatedKey key = fixture.key(bob, "ci", Scope.Tasks);

    HttpResponse<String> allowed = get(key.token());
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.body()).isEqualTo("backend sees " + key.key().accessId());

    fixture.keywarden.keys().deleteOwn(fixture.session(bob), "ci");

    assertThat(get(key.token()).statusCode()).isEqualTo(401);
  }

  @Test
  void protectedLocation_keyWithoutTheScope_is403() {
    CreatedKey key = fixture.key(bob, "reader", Scope.Secret);

    assertThat(get(key.token()).statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> get(String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginxPort + "/protected/job"));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return keywarden.send(request.build());
  }

  private Process startNginx() throws IOException, InterruptedException {
    Files.createDirectories(prefix.resolve("logs"));
    Files.createDirectories(prefix.resolve("temp"));
    Path config = prefix.resolve("nginx.conf");
    Files.writeString(config, config());
    Process process =
        new ProcessBuilder(
                NGINX.toString(),
                "-p",
                prefix.toString(),
                "-c",
                config.toString(),
                "-e",
                prefix.resolve("logs/error.log").toString(),
                "-g",
                "daemon off; master_process off;")
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
            .start();
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < giveUp) {
      assertThat(process.isAlive())
          .as("nginx exited: %s", Files.readString(prefix.resolve("logs/stdout.log")))
          .isTrue();
      try (Socket socket = new Socket("127.0.0.1", nginxPort)) {
        assertThat(socket.isConnected()).isTrue();
        return process;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("nginx did not listen on " + nginxPort);
  }

  /**
   * The gateway set-up the docs describe: the auth subrequest carries the client's headers to
   * forward-auth, addressed by Host; the identity comes back in a response header.
   */
  private String config() {
    String temp = prefix.resolve("temp").toString();
    return """
        pid %1$s/nginx.pid;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          server {
            listen 127.0.0.1:%2$d;
            location /protected/ {
              auth_request /_keywarden;
              auth_request_set $keywarden_access_id $upstream_http_x_keywarden_access_id;
              proxy_set_header X-Keywarden-Access-Id $keywarden_access_id;
              proxy_pass http://127.0.0.1:%3$d;
            }
            location = /_keywarden {
              internal;
              proxy_pass http://127.0.0.1:%4$d/pro/user-manager/v1/forward-auth?scopes=Tasks;
              proxy_pass_request_body off;
              proxy_set_header Content-Length "";
              proxy_set_header Host acme.localhost;
              proxy_set_header X-Real-IP $remote_addr;
            }
          }
        }
        """
        .formatted(temp, nginxPort, backend.getAddress().getPort(), keywarden.port());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
