package dev.keywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.cli.remote.RemoteEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code keywarden config}: a flag beats the environment, which beats the file and the default. */
class ConfigCommandTest {
  @TempDir Path temp;

  @AfterEach
  void realEnvironment() {
    RemoteEnvironment.reset();
  }

  private record Result(int exitCode, String out, String err) {
    /** The value and source columns of a setting's row. */
    String row(String setting) {
      return out.lines()
          .filter(line -> line.startsWith(setting + " "))
          .findFirst()
          .orElseThrow()
          .substring(setting.length())
          .strip()
          .replaceAll("\\s+", " ");
    }
  }

  private Result config(Map<String, String> environment, String... args) {
    RemoteEnvironment.override(environment, temp);
    List<String> all = new ArrayList<>(List.of("config"));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        KeywardenCli.run(
            new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private Path file(String text) throws Exception {
    Path file = temp.resolve("keywarden.properties");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void precedence_flagThenEnvironmentThenFileThenDefault() throws Exception {
    String path = file("port=9090\nbase-domain=keys.example.com\n").toString();
    Map<String, String> environment = Map.of("KEYWARDEN_PORT", "9191");

    assertThat(config(environment, "--config", path, "--port", "9292").row("port"))
        .isEqualTo("9292 --port");
    assertThat(config(environment, "--config", path).row("port")).isEqualTo("9191 KEYWARDEN_PORT");
    assertThat(config(Map.of(), "--config", path).row("port")).isEqualTo("9090 file");
    assertThat(config(Map.of("KEYWARDEN_CONFIG", path)).row("port")).isEqualTo("9090 file");
    assertThat(config(Map.of()).row("port")).isEqualTo("8080 default");
    assertThat(config(Map.of(), "--config", path).row("base-domain"))
        .isEqualTo("keys.example.com file");
    assertThat(config(Map.of(), "--config", path).row("config")).isEqualTo(path + " --config");
  }

  @Test
  void secrets_areMasked_wherever_theyComeFrom() throws Exception {
    String path = file("db-password=hunter2-from-file\nmaster-key=c2VjcmV0\n").toString();
    Result result =
        config(
            Map.of("KEYWARDEN_ADMIN_PASSWORD", "hunter2-from-env", "KEYWARDEN_TOKEN", "kw_x"),
            "--config",
            path);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.row("db-password")).isEqualTo("******** file");
    assertThat(result.row("master-key")).isEqualTo("******** file");
    assertThat(result.row("admin-password")).isEqualTo("******** KEYWARDEN_ADMIN_PASSWORD");
    assertThat(result.row("token")).isEqualTo("******** KEYWARDEN_TOKEN");
    assertThat(result.out()).doesNotContain("hunter2").doesNotContain("c2VjcmV0");
  }

  @Test
  void everySetting_isARowOfTheOutput() {
    Result result = config(Map.of());
    for (Setting setting : Setting.values()) {
      assertThat(result.out()).containsPattern("(?m)^" + setting.key() + "\\b");
    }
  }

  @Test
  void unknownSettingInTheFile_isOneSentence_andExitTwo() throws Exception {
    Result result = config(Map.of(), "--config", file("prot=9090\n").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err().strip().lines()).hasSize(1);
    assertThat(result.err()).contains("unknown setting 'prot'");
  }

  @Test
  void missingFile_isOneSentence_andExitTwo() {
    Result result = config(Map.of(), "--config", temp.resolve("nope.properties").toString());

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("keywarden: Cannot read the configuration file");
  }

  @Test
  void readme_listsEverySetting_inOneTable() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    for (Setting setting : Setting.values()) {
      assertThat(readme)
          .as(setting.key())
          .containsPattern(
              "(?m)^\\| `" + setting.key() + "` \\|.*`" + setting.environmentVariable() + "`");
    }
  }
}
