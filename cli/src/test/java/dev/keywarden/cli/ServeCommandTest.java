package dev.keywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keywarden serve} as a real process: first start, health, readiness, second start. */
class ServeCommandTest {
  private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");

  @Test
  void serve_firstStart_createsAdminOnce_andAnswersHealthChecks(@TempDir Path data)
      throws Exception {
    List<String> first = serveUntilHealthy(data);
    assertThat(String.join("\n", first))
        .contains("created account 'demo'")
        .contains("Administrator password (shown once");

    List<String> second = serveUntilHealthy(data);
    assertThat(String.join("\n", second)).doesNotContain("Administrator password");
    assertThat(data.resolve("master.key")).exists();
  }

  private static List<String> serveUntilHealthy(Path data) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                KeywardenCli.class.getName(),
                "serve",
                "--port",
                "0",
                "--data",
                data.toString())
            .redirectErrorStream(true)
            .start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      int port = -1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (port < 0 && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
        lines.add(line);
        Matcher matcher = PORT.matcher(line);
        if (matcher.find()) {
          port = Integer.parseInt(matcher.group(1));
        }
      }
      assertThat(port).as(String.join("\n", lines)).isPositive();
      HttpClient client = HttpClient.newHttpClient();
      for (String path : List.of("/healthz", "/readyz")) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    return lines;
  }
}
