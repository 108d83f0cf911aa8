package dev.keywarden.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real gateway from Debian's package (nginx, Caddy, HAProxy) run as an unprivileged child process
 * with a recipe from {@code docs/gateways}, changed only in its addresses and file paths: the
 * recipe's Keywarden {@code 127.0.0.1:8080}, backend {@code 127.0.0.1:9000} and listening {@code
 * 127.0.0.1:8000} become the test's ports. Without the gateway's binary the test skips with a
 * visible message, unless {@code KEYWARDEN_REQUIRE_GATEWAYS=true} (as in CI), where it fails.
 */
public final class Gateway implements AutoCloseable {
  /** The gateways with a recipe. */
  public enum Kind {
    NGINX("/usr/sbin/nginx", "nginx.conf"),
    CADDY("/usr/bin/caddy", "Caddyfile"),
    HAPROXY("/usr/sbin/haproxy", "haproxy.cfg");

    final Path binary;
    final String recipe;

    Kind(String binary, String recipe) {
      this.binary = Path.of(binary);
      this.recipe = recipe;
    }
  }

  private static final String KEYWARDEN = "127.0.0.1:8080";
  private static final String BACKEND = "127.0.0.1:9000";
  private static final String LISTEN = "127.0.0.1:8000";

  private final Kind kind;
  private final Path dir;
  private final Process process;
  private final int port;

  private Gateway(Kind kind, Path dir, Process process, int port) {
    this.kind = kind;
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /** The repository's {@code docs/gateways} folder. */
  public static Path recipes() {
    return Path.of(System.getProperty("keywarden.root", "..")).resolve("docs/gateways");
  }

  /** Starts the gateway in front of Keywarden and a backend on these loopback ports. */
  public static Gateway start(Kind kind, int keywardenPort, int backendPort) throws IOException {
    requireBinary(kind);
    Path dir =
        Files.createTempDirectory(
            Files.createDirectories(Path.of(System.getProperty("e2e.work", "target/e2e"))),
            kind.name().toLowerCase(Locale.ROOT) + "-");
    int port = freePort();
    String recipe =
        Files.readString(recipes().resolve(kind.recipe), StandardCharsets.UTF_8)
            .replace(KEYWARDEN, "127.0.0.1:" + keywardenPort)
            .replace(BACKEND, "127.0.0.1:" + backendPort)
            .replace(LISTEN, "127.0.0.1:" + port);
    for (String address : List.of(KEYWARDEN, BACKEND, LISTEN)) {
      String original = Files.readString(recipes().resolve(kind.recipe));
      if (!original.contains(address)) {
        throw new IllegalStateException(kind.recipe + " no longer names " + address);
      }
    }
    ProcessBuilder builder =
        switch (kind) {
          case NGINX -> nginx(dir, recipe);
          case CADDY -> caddy(dir, recipe);
          case HAPROXY -> haproxy(dir, recipe);
        };
    Process process =
        builder
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("output.log").toFile())
            .start();
    Gateway gateway = new Gateway(kind, dir, process, port);
    gateway.awaitListening();
    return gateway;
  }

  private static ProcessBuilder nginx(Path dir, String recipe) throws IOException {
    Files.writeString(dir.resolve("keywarden.conf"), recipe);
    Files.createDirectories(dir.resolve("logs"));
    Files.writeString(
        dir.resolve("nginx.conf"),
        """
        pid %1$s/nginx.pid;
        error_log %1$s/error.log notice;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %1$s/body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
          include %1$s/keywarden.conf;
        }
        """
            .formatted(dir));
    return new ProcessBuilder(
        Kind.NGINX.binary.toString(),
        "-p",
        dir.toString(),
        "-c",
        dir.resolve("nginx.conf").toString(),
        "-e",
        dir.resolve("error.log").toString(),
        "-g",
        "daemon off; master_process off;");
  }

  private static ProcessBuilder caddy(Path dir, String recipe) throws IOException {
    Files.writeString(dir.resolve("Caddyfile"), recipe);
    ProcessBuilder builder =
        new ProcessBuilder(
            Kind.CADDY.binary.toString(),
            "run",
            "--config",
            dir.resolve("Caddyfile").toString(),
            "--adapter",
            "caddyfile");
    Map<String, String> env = builder.environment();
    env.put("HOME", dir.toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    return builder;
  }

  private static ProcessBuilder haproxy(Path dir, String recipe) throws IOException {
    String lua = "/etc/haproxy/keywarden.lua";
    if (!recipe.contains(lua)) {
      throw new IllegalStateException("haproxy.cfg no longer loads " + lua);
    }
    Files.copy(recipes().resolve("keywarden.lua"), dir.resolve("keywarden.lua"));
    Files.writeString(
        dir.resolve("haproxy.cfg"), recipe.replace(lua, dir.resolve("keywarden.lua").toString()));
    return new ProcessBuilder(
        Kind.HAPROXY.binary.toString(), "-db", "-f", dir.resolve("haproxy.cfg").toString());
  }

  private static void requireBinary(Kind kind) {
    if (Files.isExecutable(kind.binary)) {
      return;
    }
    String message =
        "the "
            + kind.name().toLowerCase(Locale.ROOT)
            + " recipe test needs "
            + kind.binary
            + " (apt-get install "
            + kind.name().toLowerCase(Locale.ROOT)
            + ")";
    if (Boolean.parseBoolean(System.getenv("KEYWARDEN_REQUIRE_GATEWAYS"))) {
      throw new IllegalStateException(message + "; KEYWARDEN_REQUIRE_GATEWAYS is set");
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Everything the gateway printed and logged so far. */
  public String output() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("output.log", "error.log")) {
      Path file = dir.resolve(name);
      try {
        if (Files.exists(file)) {
          text.append(Files.readString(file));
        }
      } catch (IOException e) {
        text.append(e.getMessage());
      }
    }
    return text.toString();
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(kind + " exited: " + output());
      }
      try (Socket socket = new Socket("127.0.0.1", port)) {
        if (socket.isConnected()) {
          return;
        }
      } catch (IOException notYet) {
        ServerProcess.sleep(20);
      }
    }
    close();
    throw new IllegalStateException(kind + " did not listen on " + port + ": " + output());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
