package dev.keywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keywarden serve} as a real process: first start, health, the port checked first. */
class ServeCommandTest {
  private static final Pattern PORT = Pattern.compile("\\(management\\): http://[0-9.]+:(\\d+)/");

  @TempDir Path temp;

  @Test
  void serve_firstStart_createsAdminOnce_andAnswersHealthChecks() throws Exception {
    Path data = temp.resolve("data");
    List<String> first = serveUntilHealthy("--port", "0", "--data", data.toString());
    String output = String.join("\n", first);
    assertThat(output)
        .contains("created account 'demo'")
        .contains("Administrator password (shown once")
        .containsPattern(
            "Keywarden \\d+\\.\\d+\\.\\d+\\S* listening on port \\d+ of 0\\.0\\.0\\.0, embedded"
                + " database in "
                + Pattern.quote(data.toAbsolutePath().toString())
                + "\\.")
        .containsPattern("Portal of account demo: http://demo\\.localhost:\\d+/")
        .doesNotContain("StoreConfig")
        .doesNotContain("WARNING");

    List<String> second = serveUntilHealthy("--port", "0", "--data", data.toString());
    assertThat(String.join("\n", second)).doesNotContain("Administrator password");
    assertThat(data.resolve("master.key")).exists();
  }

  @Test
  void serve_readsTheConfigurationFile_belowTheEnvironmentAndFlags() throws Exception {
    Path data = temp.resolve("from-file");
    Path file = temp.resolve("keywarden.properties");
    Files.writeString(file, "data=" + data + "\naccount=acme\nport=1\n");

    List<String> lines = serveUntilHealthy("--config", file.toString(), "--port", "0");

    assertThat(String.join("\n", lines))
        .contains("created account 'acme'")
        .contains("Portal of account acme:");
    assertThat(data.resolve(StoreOptions.EMBEDDED_FILE)).exists();
  }

  @Test
  void serve_onATakenPort_failsBeforeCreatingAnything() throws Exception {
    Path data = temp.resolve("never");
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Process process =
          keywarden(
                  "serve",
                  "--bind",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(taken.getLocalPort()),
                  "--data",
                  data.toString())
              .start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.exitValue()).as(output).isEqualTo(6);
      assertThat(output.strip().lines()).hasSize(1);
      assertThat(output)
          .startsWith("keywarden: Cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("password");
    }
    assertThat(Files.exists(data)).isFalse();
  }

  private static ProcessBuilder keywarden(String... args) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                KeywardenCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("KEYWARDEN_"));
    return builder;
  }

  private static List<String> serveUntilHealthy(String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", "--management-port", "0"));
    args.addAll(List.of(options));
    Process process = keywarden(args.toArray(String[]::new)).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      int port = -1;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      String line;
      while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
        lines.add(line);
        Matcher matcher = PORT.matcher(line);
        if (matcher.find()) {
          port = Integer.parseInt(matcher.group(1));
        }
        if (line.startsWith("Portal of account")) {
          break;
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
