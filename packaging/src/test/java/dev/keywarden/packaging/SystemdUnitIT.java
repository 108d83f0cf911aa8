package dev.keywarden.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The systemd unit passes {@code systemd-analyze verify} without a word, and is hardened. */
class SystemdUnitIT {
  private static final Path UNIT =
      Path.of(System.getProperty("packaging.dir"), "systemd", "keywarden.service");
  private static final Path LAUNCHER =
      Path.of(System.getProperty("packaging.dir"), "bin", "keywarden");

  @TempDir Path temp;

  @Test
  void unit_isHardened() throws Exception {
    String unit = Files.readString(UNIT);
    assertThat(unit)
        .containsPattern("(?m)^DynamicUser=yes$")
        .containsPattern("(?m)^StateDirectory=keywarden$")
        .containsPattern("(?m)^NoNewPrivileges=yes$")
        .containsPattern("(?m)^ProtectSystem=strict$")
        .containsPattern("(?m)^ProtectHome=yes$")
        .containsPattern("(?m)^PrivateTmp=yes$")
        .containsPattern("(?m)^CapabilityBoundingSet=$")
        .containsPattern("(?m)^SystemCallFilter=@system-service$")
        .containsPattern("(?m)^ExecStart=/opt/keywarden/bin/keywarden serve$");
  }

  @Test
  void unit_passesSystemdAnalyzeVerify_withoutWarnings() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    if (!Files.isExecutable(analyze)) {
      String message = "systemd-analyze is not installed (apt-get install systemd)";
      if (Boolean.parseBoolean(System.getenv("KEYWARDEN_REQUIRE_SYSTEMD"))) {
        throw new IllegalStateException(message + "; KEYWARDEN_REQUIRE_SYSTEMD is set");
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    // verify checks that ExecStart's program exists: point it at this checkout's launcher, the
    // file installed as /opt/keywarden/bin/keywarden. Nothing else changes.
    Path copy = temp.resolve("keywarden.service");
    Files.writeString(
        copy,
        Files.readString(UNIT)
            .replace("ExecStart=/opt/keywarden/bin/keywarden", "ExecStart=" + LAUNCHER));
    Process process =
        new ProcessBuilder(analyze.toString(), "verify", copy.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    // verify exits 0 even for unknown keys and bad values; it says so, though, naming the unit.
    assertThat(output.lines().filter(line -> line.contains("keywarden.service"))).isEmpty();
  }
}
