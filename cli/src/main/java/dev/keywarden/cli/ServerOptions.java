package dev.keywarden.cli;

import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.server.ServerConfig;
import dev.keywarden.verification.IpRange;
import java.util.List;
import picocli.CommandLine.Option;

/** How {@code keywarden serve} listens and names things; each also from the environment or file. */
final class ServerOptions {
  @Option(
      names = "--bind",
      paramLabel = "<address>",
      defaultValue = "0.0.0.0",
      description = "Address to listen on (default: 0.0.0.0, every interface).")
  String bind;

  @Option(
      names = "--port",
      paramLabel = "<port>",
      defaultValue = "8080",
      description = "Port to listen on (default: 8080; 0 picks a free one).")
  int port;

  @Option(
      names = "--management-bind",
      paramLabel = "<address>",
      defaultValue = "127.0.0.1",
      description =
          "Address of the management listener: /metrics, /healthz, /readyz, /version (default:"
              + " 127.0.0.1, this machine only).")
  String managementBind;

  @Option(
      names = "--management-port",
      paramLabel = "<port>",
      defaultValue = "9000",
      description = "Port of the management listener (default: 9000; 0 picks a free one).")
  int managementPort;

  @Option(
      names = "--access-log",
      paramLabel = "<true|false>",
      defaultValue = "true",
      arity = "1",
      description =
          "Log one line per request (method, path with query values hidden, status, duration,"
              + " access id) to the logger dev.keywarden.access (default: true).")
  boolean accessLog;

  @Option(
      names = "--log-format",
      paramLabel = "<text|json>",
      defaultValue = "text",
      description = "Log lines as text or as one JSON object each (default: text).")
  String logFormat;

  @Option(
      names = "--base-domain",
      paramLabel = "<domain>",
      defaultValue = "localhost",
      description = "Accounts are served at <account>.<domain> (default: localhost).")
  String baseDomain;

  @Option(
      names = "--cloud-host",
      paramLabel = "<host>",
      description = "CLOUDHOST written into license files (default: the request's host).")
  String cloudHost;

  @Option(
      names = "--api-key-header",
      paramLabel = "<name>",
      defaultValue = "apiKey",
      description = "Header carrying a whole key (default: apiKey).")
  String apiKeyHeader;

  @Option(
      names = "--access-id-header",
      paramLabel = "<name>",
      defaultValue = "X-Access-Id",
      description = "Header carrying the access id of a two-part key (default: X-Access-Id).")
  String accessIdHeader;

  @Option(
      names = "--secret-key-header",
      paramLabel = "<name>",
      defaultValue = "X-Secret-Key",
      description = "Header carrying the secret of a two-part key (default: X-Secret-Key).")
  String secretKeyHeader;

  @Option(
      names = "--trusted-proxies",
      paramLabel = "<cidr,...>",
      split = ",",
      defaultValue = "127.0.0.0/8,::1/128",
      description =
          "Gateways whose X-Real-IP or X-Forwarded-For forward auth believes (default:"
              + " 127.0.0.0/8,::1/128, this machine).")
  List<String> trustedProxies;

  @Option(
      names = "--account",
      paramLabel = "<account>",
      defaultValue = "demo",
      description =
          "The default account: created on first start with the administrator admin, and where"
              + " http://<host>:<port>/ leads (default: demo).")
  String account;

  /** The management listener and the access log. */
  dev.keywarden.server.Management management() {
    if (managementPort < 0 || managementPort > 65535) {
      throw CommandFailure.invalid(
          "--management-port must be between 0 and 65535, not " + managementPort + ".");
    }
    return new dev.keywarden.server.Management(managementBind, managementPort, accessLog);
  }

  /** Whether logs are JSON lines (checked: text or json). */
  boolean jsonLogs() {
    return switch (logFormat.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "json" -> true;
      case "text" -> false;
      default ->
          throw CommandFailure.invalid("--log-format must be text or json, not " + logFormat + ".");
    };
  }

  /** The server's configuration. */
  ServerConfig config() {
    if (port < 0 || port > 65535) {
      throw CommandFailure.invalid("--port must be between 0 and 65535, not " + port + ".");
    }
    List<IpRange> proxies =
        trustedProxies.stream()
            .filter(text -> !text.isBlank())
            .map(text -> KeyInputs.ipRange(text.strip(), "--trusted-proxies"))
            .toList();
    return new ServerConfig(
            bind,
            port,
            baseDomain,
            cloudHost,
            new dev.keywarden.server.auth.CredentialHeaders(
                apiKeyHeader, accessIdHeader, secretKeyHeader),
            64 * 1024,
            proxies)
        .withDefaultAccount(account);
  }
}
