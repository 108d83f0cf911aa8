package dev.keywarden.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The launcher gives serve a server's JVM and every other command a fast-starting one. */
class LauncherIT {
  private static final Path LAUNCHER =
      Path.of(System.getProperty("packaging.dir"), "bin", "keywarden");

  private static String jvmFlags(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = LAUNCHER.toString();
    System.arraycopy(args, 0, command, 1, args.length);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("KEYWARDEN_JAR", System.getProperty("keywarden.jar"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("KEYWARDEN_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    return output.lines().findFirst().orElseThrow();
  }

  @Test
  void serve_getsG1_theFullJit_andHalfTheMemory() throws Exception {
    assertThat(jvmFlags("serve", "--help"))
        .contains("-XX:+UseG1GC", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError")
        .doesNotContain("TieredStopAtLevel");
  }

  @Test
  void otherCommands_getSerialGc_andC1Only() throws Exception {
    assertThat(jvmFlags("keys", "--help")).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    assertThat(jvmFlags("--version")).contains("-XX:+UseSerialGC");
  }
}
