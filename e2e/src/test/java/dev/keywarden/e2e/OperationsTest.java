package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What operators see of the real process: the management listener (metrics, health, version) apart
 * from the public port, the access log, JSON logs, and metrics that {@code promtool} accepts.
 */
class OperationsTest {
  private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

  @Test
  void management_servesHealthMetricsAndVersion_andThePublicPortDoesNot() {
    try (ServerProcess server = ServerProcess.start(Store.of("h2"))) {
      Http management = new Http(server.managementUrl());
      Http open = new Http(server.baseUrl());
      for (String path : List.of("/healthz", "/readyz", "/metrics", "/version")) {
        assertThat(management.get(path).status()).as(path).isEqualTo(200);
        assertThat(open.get(path).status()).as(path).isEqualTo(404);
      }
      String version = management.get("/version").json().get("version").asString();
      assertThat(version).matches("[0-9].*");
      Http admin = server.demo().login();
      admin.get(Http.CURRENT_KEYS);
      String metrics = management.get("/metrics").body();
      assertThat(metrics)
          .contains("keywarden_build_info{version=\"" + version + "\"} 1")
          .containsPattern("keywarden_http_responses_total\\{class=\"2xx\"\\} [1-9]");
      assertThat(Cli.run(List.of("--version"), Map.of(), null).stdout())
          .contains("keywarden " + version);
    }
  }

  @Test
  void accessLog_isOneLinePerRequest_withTheAccessId_neverTheKey() {
    try (ServerProcess server = ServerProcess.start(Store.of("h2"))) {
      String token = server.demo().login().createKey("logged", "APIKey", "Tasks");
      server
          .demo()
          .as(token)
          .send("POST", Http.VERIFY + "?note=secret-value", Map.of("key", token));

      awaitOutput(server, "/verify?note=*** ");
      String output = server.output();
      assertThat(output)
          .containsPattern("POST /a/demo" + Http.VERIFY + "\\?note=\\*\\*\\* \\d{3} [0-9.]+ms")
          .contains("access_id=")
          .doesNotContain(token)
          .doesNotContain("secret-value");
    }
  }

  @Test
  void accessLog_canBeTurnedOff_andLogsCanBeJson() {
    try (ServerProcess server =
        ServerProcess.start(Store.of("h2"), "--access-log", "false", "--log-format", "json")) {
      server.demo().login();
      new Http(server.baseUrl()).get("/nothing");
      ServerProcess.sleep(500);
      assertThat(server.output()).doesNotContain("dev.keywarden.access");
    }
    try (ServerProcess server = ServerProcess.start(Store.of("h2"), "--log-format", "json")) {
      new Http(server.baseUrl()).get("/a/demo/portal");
      awaitOutput(server, "\"loggerName\":\"dev.keywarden.access\"");
      String line =
          server
              .output()
              .lines()
              .filter(l -> l.contains("dev.keywarden.access"))
              .findFirst()
              .orElseThrow();
      assertThat(line).startsWith("{").endsWith("}").contains("\"level\":\"INFO\"");
      assertThat(line).contains("\"path\"").contains("\"status\"");
    }
  }

  @Test
  void metrics_passPromtoolCheck() throws Exception {
    boolean required = Boolean.parseBoolean(System.getenv("KEYWARDEN_REQUIRE_PROMTOOL"));
    if (!Files.isExecutable(PROMTOOL)) {
      String message = "promtool (Debian package prometheus) is not installed";
      if (required) {
        throw new IllegalStateException(message + "; KEYWARDEN_REQUIRE_PROMTOOL is set");
      }
      System.err.println("SKIPPED: " + message);
      assumeTrue(false, message);
    }
    try (ServerProcess server = ServerProcess.start(Store.of("h2"))) {
      String token = server.demo().login().createKey("scraped", "APIKey", "Tasks");
      server.demo().as(token).send("POST", Http.VERIFY, Map.of("key", token));
      String metrics = new Http(server.managementUrl()).get("/metrics").body();
      Path file = Files.createTempFile(server.store().dir(), "metrics-", ".txt");
      Files.writeString(file, metrics, StandardCharsets.UTF_8);
      Process check =
          new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
              .redirectInput(file.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(check.exitValue()).as(out).isZero();
    }
  }

  private static void awaitOutput(ServerProcess server, String text) {
    for (int i = 0; i < 100 && !server.output().contains(text); i++) {
      ServerProcess.sleep(50);
    }
    assertThat(server.output()).contains(text);
  }
}
