package dev.keywarden.cli;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.server.KeywardenServer;
import dev.keywarden.server.ServerConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keywarden serve}: checks that the port is free, opens the store, listens, sets up the
 * default account and its administrator on first start, and serves the API, the portal, health
 * checks and metrics until stopped. Nothing is created when the port is taken.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the server: REST API, portal, verification, health checks, metrics.",
    footer = {
      "",
      "Every option can also be set in the environment, as KEYWARDEN_<NAME> (KEYWARDEN_PORT,",
      "KEYWARDEN_DB_URL), or as <name>=<value> in the --config file (port=8080). A flag wins over",
      "the environment, the environment over the file. 'keywarden config' shows what applies.",
      "KEYWARDEN_MASTER_KEY and KEYWARDEN_ADMIN_PASSWORD (or master-key, admin-password in the",
      "file) have no flag: command lines are visible to every user of the machine."
    })
final class ServeCommand implements Callable<Integer> {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m)?");
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin ServerOptions server;

  @Option(
      names = "--shutdown-timeout",
      paramLabel = "<duration>",
      defaultValue = "10s",
      description =
          "On SIGTERM, how long requests already received may take to finish before the"
              + " connections are closed (default: 10s; 500ms, 30s, 1m; a bare number is seconds).")
  String shutdownTimeout;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = server.config();
    Duration grace = duration(shutdownTimeout, "--shutdown-timeout");
    dev.keywarden.server.Management management = server.management();
    if (server.jsonLogs()) {
      JsonLogs.install();
    }
    AccountService.checkName(server.account);
    checkPortIsFree(config.host(), config.port(), "--port");
    checkPortIsFree(management.host(), management.port(), "--management-port");
    Keywarden keywarden = store.open().start();
    KeywardenServer running = null;
    try {
      running = KeywardenServer.start(keywarden, config, management);
      firstStart(keywarden);
    } catch (RuntimeException e) {
      if (running != null) {
        running.close();
      }
      keywarden.close();
      throw e;
    }
    KeywardenServer serving = running;
    // SIGTERM and SIGINT are taken from the JVM, whose shutdown hooks (H2's among them) would
    // close the store under the requests in flight and exit 143: the main thread stops instead,
    // then returns 0. A hook still stops the server on any other way out (SIGHUP).
    CountDownLatch stopRequested = new CountDownLatch(1);
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            // Stop accepting and let the requests in flight finish, then write the last uses
            // still pending and close the store: nothing acknowledged is lost, nothing is cut.
            serving.close(grace);
            keywarden.close();
          }
        };
    onStopSignal(stopRequested::countDown);
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "keywarden-shutdown"));
    var out = spec.commandLine().getOut();
    out.println(
        "Keywarden "
            + KeywardenCli.version()
            + " listening on port "
            + serving.port()
            + " of "
            + config.host()
            + ", "
            + store.describe()
            + ".");
    out.println(
        "Metrics and health (management): http://"
            + management.host()
            + ":"
            + serving.managementPort()
            + "/metrics, /healthz, /readyz, /version");
    out.println(
        "Portal of account "
            + server.account
            + ": http://"
            + server.account
            + "."
            + config.baseDomain()
            + ":"
            + serving.port()
            + "/");
    out.flush();
    stopRequested.await();
    out.println("Stopping: finishing the requests in flight (at most " + grace + ").");
    out.flush();
    stop.run();
    out.println("Stopped.");
    out.flush();
    return 0;
  }

  /**
   * Binds the port and lets it go, before anything is created: a taken port is one clear error, not
   * an account made and a password printed for a server that cannot start.
   */
  private static void checkPortIsFree(String host, int port, String flag) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw CommandFailure.unavailable(
          "Cannot listen on "
              + host
              + ":"
              + port
              + " ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + "): is another server running there? Choose another with "
              + flag
              + ".");
    }
  }

  /**
   * Runs {@code action} on SIGTERM or SIGINT instead of the JVM's exit. Through reflection: the
   * JDK's only handler API is {@code sun.misc.Signal} (module jdk.unsupported), which the build's
   * warnings-as-errors will not compile against. Where it is missing, the shutdown hook stops the
   * server.
   */
  private static void onStopSignal(Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object handler =
          Proxy.newProxyInstance(
              handlerType.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, arguments) ->
                  switch (method.getName()) {
                    case "handle" -> {
                      action.run();
                      yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    default -> "stop signal handler";
                  });
      Method handle = signal.getMethod("handle", signal, handlerType);
      for (String name : List.of("TERM", "INT")) {
        handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError unavailable) {
      // No signal API here: SIGTERM runs the shutdown hook, which stops the server as well.
    }
  }

  /** A duration such as {@code 10s}, {@code 500ms}, {@code 2m}, or a bare number of seconds. */
  static Duration duration(String text, String option) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw CommandFailure.invalid(
          option + " must be a duration such as 10s, 500ms or 1m, not '" + text + "'.");
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2);
    return switch (unit == null ? "s" : unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private void firstStart(Keywarden keywarden) {
    if (!keywarden.accounts().list().isEmpty()) {
      return;
    }
    String password = Configuration.current().value(Setting.ADMIN_PASSWORD).orElse(null);
    AccountService.Created created = keywarden.accounts().create(server.account, "admin", password);
    var out = spec.commandLine().getOut();
    out.println(
        "First start: created account '" + server.account + "' with administrator 'admin'.");
    if (created.passwordGenerated()) {
      out.println(
          "Administrator password (shown once, change it or keep it safe): " + created.password());
    }
    out.flush();
  }
}
