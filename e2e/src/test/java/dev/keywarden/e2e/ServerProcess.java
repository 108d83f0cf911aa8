package dev.keywarden.e2e;

import java.io.IOException;
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

/**
 * A Keywarden server started as users start it: {@code packaging/bin/keywarden serve} (the launcher
 * {@code ./keywarden} runs, with the JVM flags it gives {@code serve}) on the shaded jar, as a
 * separate process on a free loopback port, its output in a log file. {@link #kill()} sends
 * SIGKILL, {@link #stop()} SIGTERM.
 */
public final class ServerProcess implements AutoCloseable {
  /** The first administrator's password every server under test starts with. */
  public static final String ADMIN_PASSWORD = "e2e-admin-password-1";

  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");
  private static final Pattern MANAGEMENT =
      Pattern.compile("\\(management\\): http://127\\.0\\.0\\.1:(\\d+)/");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Store store;
  private final Process process;
  private final Path log;
  private final int port;

  private ServerProcess(Store store, Process process, Path log, int port) {
    this.store = store;
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts a server on the store, with extra options after {@code serve}'s own. */
  public static ServerProcess start(Store store, String... options) {
    return start(store, Map.of(), options);
  }

  /** Starts a server on the store with extra environment variables and options. */
  public static ServerProcess start(Store store, Map<String, String> env, String... options) {
    List<String> command =
        new ArrayList<>(
            List.of("serve", "--bind", "127.0.0.1", "--port", "0", "--management-port", "0"));
    command.addAll(store.options());
    command.addAll(List.of(options));
    Map<String, String> environment = new HashMap<>(env);
    environment.putIfAbsent("KEYWARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
    try {
      Path log = Files.createTempFile(store.dir(), "server-", ".log");
      Process process =
          launcher(command, environment)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      return new ServerProcess(store, process, log, awaitPort(process, log));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the server: " + e.getMessage(), e);
    }
  }

  /** A process builder for {@code keywarden <arguments>} through the launcher. */
  static ProcessBuilder launcher(List<String> arguments, Map<String, String> env) {
    String launcher = System.getProperty("keywarden.launcher");
    String jar = System.getProperty("keywarden.jar");
    if (launcher == null || jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "the end-to-end tests run cli/target/keywarden.jar: run them with ./mvnw verify");
    }
    List<String> command = new ArrayList<>();
    command.add(launcher);
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("KEYWARDEN_"));
    builder.environment().put("KEYWARDEN_JAR", jar);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    return builder;
  }

  private static int awaitPort(Process process, Path log) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher matcher = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the server exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("the server did not start in time:\n" + Files.readString(log));
  }

  /** The store this server runs on. */
  public Store store() {
    return store;
  }

  /** The management listener's port (loopback): {@code /metrics}, {@code /healthz}, …. */
  public int managementPort() {
    Matcher matcher = MANAGEMENT.matcher(output());
    if (!matcher.find()) {
      throw new IllegalStateException("no management port in the output:\n" + output());
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** {@code http://127.0.0.1:<management port>}. */
  public String managementUrl() {
    return "http://127.0.0.1:" + managementPort();
  }

  /** The port it listens on (loopback). */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** An HTTP client of the default account ({@code demo}), addressed by the path prefix. */
  public Http demo() {
    return new Http(baseUrl() + "/a/demo");
  }

  /** The process's process id. */
  public long pid() {
    return process.pid();
  }

  /** Everything the server printed so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the process is still running. */
  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, as a crash or the OOM killer would; waits for the process to be gone. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, as systemd or an orchestrator stops a server; returns the exit code. */
  public int stop(Duration timeout) {
    process.destroy();
    return awaitExit(timeout);
  }

  /** Starts a new server on the same store with the same options. */
  public ServerProcess restart(String... options) {
    if (process.isAlive()) {
      throw new IllegalStateException("stop or kill the server first");
    }
    return start(store, options);
  }

  private int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the server did not exit within " + timeout);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
