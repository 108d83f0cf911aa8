package dev.keywarden.cli;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.server.KeywardenServer;
import dev.keywarden.server.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin ServerOptions server;

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = server.config();
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
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  serving.close();
                  keywarden.close();
                  stopped.countDown();
                },
                "keywarden-shutdown"));
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
    stopped.await();
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
