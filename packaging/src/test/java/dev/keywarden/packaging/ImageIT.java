package dev.keywarden.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image tar the build makes with Jib: its configuration (entrypoint, non-root user, port, data
 * volume), its files, and, where this machine allows (root, unshare, chroot), the image's own
 * runtime serving from its own file system as its own user.
 */
class ImageIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path IMAGE = Path.of(System.getProperty("image.tar"));
  private static final String DATA = "/var/lib/keywarden";

  private static JsonNode config;
  private static List<String> layers;

  @TempDir Path temp;

  @BeforeAll
  static void readImage() throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(IMAGE))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.getName().endsWith(".json")) {
          files.put(entry.getName(), tar.readAllBytes());
        }
      }
    }
    JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
    config = JSON.readTree(files.get(manifest.get("Config").asString())).get("config");
    layers = new ArrayList<>();
    manifest.get("Layers").forEach(layer -> layers.add(layer.asString()));
  }

  @Test
  void config_runsTheServer_asANonRootUser_withThePortAndTheDataVolume() {
    List<String> entrypoint = new ArrayList<>();
    config.get("Entrypoint").forEach(arg -> entrypoint.add(arg.asString()));
    assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
    assertThat(entrypoint).contains("-XX:+UseG1GC").endsWith("-jar", "/app/keywarden.jar");
    assertThat(config.get("Cmd").get(0).asString()).isEqualTo("serve");
    String user = config.get("User").asString();
    assertThat(user).isEqualTo("10001:10001");
    assertThat(user.split(":")[0]).isNotIn("0", "root");
    assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
    assertThat(config.get("ExposedPorts").has("9000/tcp")).isTrue();
    assertThat(config.get("Volumes").has(DATA)).isTrue();
    assertThat(config.get("Env").toString()).contains("KEYWARDEN_DATA=" + DATA);
  }

  @Test
  void layers_holdTheRuntime_theApplication_andADataFolderOnlyTheUserMayOpen() throws IOException {
    Map<String, TarArchiveEntry> entries = new HashMap<>();
    String passwd = null;
    try (TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(IMAGE))) {
      TarArchiveEntry layer;
      while ((layer = image.getNextEntry()) != null) {
        if (!layers.contains(layer.getName())) {
          continue;
        }
        TarArchiveInputStream files =
            new TarArchiveInputStream(new GZIPInputStream(nonClosing(image)));
        TarArchiveEntry file;
        while ((file = files.getNextEntry()) != null) {
          String name = "/" + file.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
          entries.put(name, file);
          if (name.equals("/etc/passwd")) {
            passwd = new String(files.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
      }
    }
    assertThat(entries).containsKeys("/opt/java/bin/java", "/app/keywarden.jar");
    TarArchiveEntry data = entries.get(DATA);
    assertThat(data.isDirectory()).isTrue();
    assertThat(data.getLongUserId()).isEqualTo(10001);
    assertThat(data.getMode() & 0777).isEqualTo(0700);
    assertThat(entries.get("/tmp").getMode() & 01777).isEqualTo(01777);
    assertThat(passwd).contains("keywarden:x:10001:10001:");
  }

  @Test
  void image_servesFromItsOwnFileSystem_asItsOwnUser() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean tools =
        onPath("unshare") != null && onPath("chroot") != null && onPath("mount") != null;
    if (!root || !tools) {
      String message = "running the image's file system needs root, unshare and chroot";
      if (Boolean.parseBoolean(System.getenv("KEYWARDEN_REQUIRE_IMAGE_RUN"))) {
        throw new IllegalStateException(message + "; KEYWARDEN_REQUIRE_IMAGE_RUN is set");
      }
      System.err.println("SKIPPED: " + message);
      Assumptions.abort(message);
    }
    Path rootfs = unpack();
    List<String> command = new ArrayList<>();
    config.get("Entrypoint").forEach(arg -> command.add(arg.asString()));
    command.addAll(List.of("serve", "--port", "0", "--management-port", "0"));
    String inside =
        onPath("mount")
            + " -t proc proc '"
            + rootfs
            + "/proc' && "
            + onPath("mount")
            + " --bind /dev '"
            + rootfs
            + "/dev' && exec "
            + onPath("chroot")
            + " --userspec=10001:10001 '"
            + rootfs
            + "' "
            + String.join(" ", command.stream().map(a -> "'" + a + "'").toList());
    ProcessBuilder builder =
        new ProcessBuilder(
                onPath("unshare").toString(),
                "--mount",
                "--fork",
                "--kill-child",
                "/bin/sh",
                "-c",
                inside)
            .redirectErrorStream(true);
    builder.environment().clear();
    config
        .get("Env")
        .forEach(
            pair -> {
              String[] parts = pair.asString().split("=", 2);
              builder.environment().put(parts[0], parts[1]);
            });
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      // Health is on the management listener, bound to every interface in the image.
      Pattern listening = Pattern.compile("\\(management\\): http://0\\.0\\.0\\.0:(\\d+)/");
      int port = -1;
      String line;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      while (port < 0 && System.nanoTime() < deadline && (line = reader.readLine()) != null) {
        lines.add(line);
        Matcher matcher = listening.matcher(line);
        if (matcher.find()) {
          port = Integer.parseInt(matcher.group(1));
        }
      }
      assertThat(port).as(String.join("\n", lines)).isPositive();
      assertThat(String.join("\n", lines))
          .contains("embedded database in " + DATA)
          .doesNotContain("WARN");
      try (HttpClient http = HttpClient.newHttpClient()) {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
      }
      Path masterKey = rootfs.resolve("var/lib/keywarden/master.key");
      assertThat(Files.getAttribute(masterKey, "unix:uid")).isEqualTo(10001);
    } finally {
      // The server runs as another user, which clears unshare's parent-death signal: stop the
      // whole tree, not only unshare, or the server outlives the test.
      List<ProcessHandle> tree = process.descendants().toList();
      tree.forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      tree.forEach(ProcessHandle::destroyForcibly);
    }
  }

  /** The layers, in order, unpacked by tar (as root, so owners and modes are kept). */
  private Path unpack() throws Exception {
    Path rootfs = temp.resolve("rootfs");
    Files.createDirectories(rootfs);
    Path layersDir = temp.resolve("layers");
    Files.createDirectories(layersDir);
    run("tar", "-xf", IMAGE.toString(), "-C", layersDir.toString());
    for (String layer : layers) {
      run(
          "tar",
          "--warning=no-unknown-keyword",
          "-xzpf",
          layersDir.resolve(layer).toString(),
          "-C",
          rootfs.toString());
    }
    Files.createDirectories(rootfs.resolve("proc"));
    Files.createDirectories(rootfs.resolve("dev"));
    // What a container runtime provides: /proc, /dev (mounted when it starts) and the host names
    // and resolvers of its network.
    for (String file : List.of("hosts", "resolv.conf")) {
      Path host = Path.of("/etc", file);
      if (Files.exists(host)) {
        Files.copy(host, rootfs.resolve("etc").resolve(file));
      }
    }
    return rootfs;
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
  }

  /** A program on the PATH (or in the system folders), or {@code null}. */
  private static Path onPath(String tool) {
    String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin:/usr/bin:/bin";
    for (String dir : path.split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return Path.of(dir, tool);
      }
    }
    return null;
  }

  private static InputStream nonClosing(InputStream in) {
    return new java.io.FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }
}
