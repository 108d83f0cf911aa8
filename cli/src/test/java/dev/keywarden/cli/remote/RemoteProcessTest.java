package dev.keywarden.cli.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.cli.KeywardenCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command as a real process, with a real environment: {@code $(keywarden keys create ...)}
 * captures the token alone, and the license file in the home directory is found.
 */
class RemoteProcessTest {
  private static RemoteTestServer server;

  @TempDir Path home;

  @BeforeAll
  static void start() {
    server = RemoteTestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Result(int exitCode, String out, String err) {}

  private Result keywarden(Map<String, String> environment, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                java,
                "-Duser.home=" + home,
                "-cp",
                System.getProperty("java.class.path"),
                KeywardenCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("KEYWARDEN_"));
    builder.environment().putAll(environment);
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), read(out), read(err));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  @Test
  void keysCreate_inAProcess_printsOnlyTheTokenOnStdout_fromEnvironmentSettings() throws Exception {
    Result result =
        keywarden(
            Map.of(
                "KEYWARDEN_URL",
                server.url(),
                "KEYWARDEN_ACCOUNT",
                "acme",
                "KEYWARDEN_TOKEN",
                server.adminToken),
            "keys",
            "create",
            "from-a-script",
            "--scopes",
            "Tasks");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).matches("kw_[0-9A-Za-z]{16}_[0-9A-Za-z]{36}\\R");
    assertThat(result.err()).contains("from-a-script");
  }

  @Test
  void scopes_inAProcess_usesTheLicenseFileInTheHomeDirectory() throws Exception {
    long id = server.fixture.license("Process").license().id();
    Files.writeString(
        home.resolve("keywarden.lic"),
        server
            .fixture
            .keywarden
            .licenses()
            .licenseFile(server.fixture.operator(), id, "127.0.0.1:" + server.server.port()));

    Result result = keywarden(Map.of("KEYWARDEN_ACCOUNT", "acme"), "scopes");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("APIKey");
  }
}
