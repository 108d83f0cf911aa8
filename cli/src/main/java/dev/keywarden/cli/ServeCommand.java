package dev.keywarden.cli;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.server.KeywardenServer;
import dev.keywarden.server.ServerConfig;
import dev.keywarden.verification.IpRange;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keywarden serve}: opens the store, sets up the first account and administrator on first
 * start, and serves the API, the portal, health checks and metrics until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the server.")
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin StoreOptions store;

  @Option(
      names = "--port",
      paramLabel = "<port>",
      defaultValue = "${env:KEYWARDEN_PORT:-8080}",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--host",
      paramLabel = "<address>",
      defaultValue = "${env:KEYWARDEN_HOST:-0.0.0.0}",
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--base-domain",
      paramLabel = "<domain>",
      defaultValue = "${env:KEYWARDEN_BASE_DOMAIN:-localhost}",
      description = "Accounts are served at <account>.<domain> (default: ${DEFAULT-VALUE}).")
  String baseDomain;

  @Option(
      names = "--cloud-host",
      paramLabel = "<host>",
      defaultValue = "${env:KEYWARDEN_CLOUD_HOST}",
      description = "CLOUDHOST written into license files (default: the request's host).")
  String cloudHost;

  @Option(
      names = "--api-key-header",
      paramLabel = "<name>",
      defaultValue = "apiKey",
      description = "Header carrying a whole key (default: ${DEFAULT-VALUE}).")
  String apiKeyHeader;

  @Option(
      names = "--access-id-header",
      paramLabel = "<name>",
      defaultValue = "X-Access-Id",
      description = "Header carrying the access id (default: ${DEFAULT-VALUE}).")
  String accessIdHeader;

  @Option(
      names = "--secret-key-header",
      paramLabel = "<name>",
      defaultValue = "X-Secret-Key",
      description = "Header carrying the secret (default: ${DEFAULT-VALUE}).")
  String secretKeyHeader;

  @Option(
      names = "--trusted-proxies",
      paramLabel = "<cidr,...>",
      split = ",",
      defaultValue = "${env:KEYWARDEN_TRUSTED_PROXIES:-127.0.0.0/8,::1/128}",
      description =
          "Gateways whose X-Real-IP/X-Forwarded-For forward auth believes (default: ${DEFAULT-VALUE}).")
  List<String> trustedProxies;

  @Option(
      names = "--account",
      paramLabel = "<account>",
      defaultValue = "${env:KEYWARDEN_ACCOUNT:-demo}",
      description = "The account created on first start (default: ${DEFAULT-VALUE}).")
  String firstAccount;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be between 0 and 65535");
    }
    List<IpRange> proxies =
        trustedProxies.stream()
            .filter(text -> !text.isBlank())
            .map(text -> KeyInputs.ipRange(text, "--trusted-proxies"))
            .toList();
    ServerConfig config =
        new ServerConfig(
            host,
            port,
            baseDomain,
            cloudHost,
            new dev.keywarden.server.auth.CredentialHeaders(
                apiKeyHeader, accessIdHeader, secretKeyHeader),
            64 * 1024,
            proxies);
    Keywarden keywarden = store.open().start();
    firstStart(keywarden);
    KeywardenServer server;
    try {
      server = KeywardenServer.start(keywarden, config);
    } catch (RuntimeException e) {
      keywarden.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  keywarden.close();
                  stopped.countDown();
                },
                "keywarden-shutdown"));
    var out = spec.commandLine().getOut();
    out.println(
        "Keywarden listening on port "
            + server.port()
            + " (store: "
            + store.config()
            + "). Portal: http://"
            + firstAccount
            + "."
            + baseDomain
            + ":"
            + server.port()
            + "/");
    out.flush();
    stopped.await();
    return 0;
  }

  private void firstStart(Keywarden keywarden) {
    if (!keywarden.accounts().list().isEmpty()) {
      return;
    }
    String password = System.getenv("KEYWARDEN_ADMIN_PASSWORD");
    AccountService.Created created =
        keywarden
            .accounts()
            .create(
                AccountService.checkName(firstAccount),
                "admin",
                password == null || password.isBlank() ? null : password);
    var out = spec.commandLine().getOut();
    out.println("First start: created account '" + firstAccount + "' with administrator 'admin'.");
    if (created.passwordGenerated()) {
      out.println(
          "Administrator password (shown once, change it or keep it safe): " + created.password());
    }
    out.flush();
  }
}
