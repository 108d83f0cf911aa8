package dev.keywarden.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every setting Keywarden reads, each stated once: its name (the flag is {@code --<name>}, the
 * environment variable {@code KEYWARDEN_<NAME>} with dashes as underscores, the configuration file
 * key {@code <name>}), its default, and whether it is a secret ({@code keywarden config} masks
 * those). A flag wins over the environment, the environment over the file, the file over the
 * default. The README's settings table lists the same rows.
 */
public enum Setting {
  CONFIG("config", null, false, Where.ENVIRONMENT, "the configuration file (Java properties)"),
  DATA("data", "./data", false, Where.EVERYWHERE, "embedded database folder"),
  DB_URL("db-url", null, false, Where.EVERYWHERE, "PostgreSQL JDBC URL (instead of the folder)"),
  DB_USER("db-user", null, false, Where.EVERYWHERE, "PostgreSQL user"),
  DB_PASSWORD("db-password", null, true, Where.EVERYWHERE, "PostgreSQL password"),
  MASTER_KEY(
      "master-key",
      null,
      true,
      Where.NO_FLAG,
      "master key, base64 of 32 bytes (default: generated into <data>/master.key)"),
  MASTER_KEY_FILE(
      "master-key-file", null, false, Where.EVERYWHERE, "file holding the base64 master key"),
  BIND("bind", "0.0.0.0", false, Where.EVERYWHERE, "address the server listens on"),
  PORT("port", "8080", false, Where.EVERYWHERE, "port the server listens on"),
  MANAGEMENT_BIND(
      "management-bind",
      "127.0.0.1",
      false,
      Where.EVERYWHERE,
      "address of the management listener (/metrics, /healthz, /readyz, /version)"),
  MANAGEMENT_PORT(
      "management-port", "9000", false, Where.EVERYWHERE, "port of the management listener"),
  ACCESS_LOG(
      "access-log",
      "true",
      false,
      Where.EVERYWHERE,
      "one line per request to logger dev.keywarden.access"),
  LOG_FORMAT("log-format", "text", false, Where.EVERYWHERE, "server log lines: text or json"),
  BASE_DOMAIN(
      "base-domain", "localhost", false, Where.EVERYWHERE, "accounts at <account>.<domain>"),
  CLOUD_HOST(
      "cloud-host",
      null,
      false,
      Where.EVERYWHERE,
      "CLOUDHOST in license files (default: request's)"),
  API_KEY_HEADER("api-key-header", "apiKey", false, Where.EVERYWHERE, "header with a whole key"),
  ACCESS_ID_HEADER(
      "access-id-header", "X-Access-Id", false, Where.EVERYWHERE, "header with an access id"),
  SECRET_KEY_HEADER(
      "secret-key-header", "X-Secret-Key", false, Where.EVERYWHERE, "header with a secret"),
  TRUSTED_PROXIES(
      "trusted-proxies",
      "127.0.0.0/8,::1/128",
      false,
      Where.EVERYWHERE,
      "gateways whose X-Real-IP/X-Forwarded-For forward auth believes"),
  SHUTDOWN_TIMEOUT(
      "shutdown-timeout",
      "10s",
      false,
      Where.EVERYWHERE,
      "on SIGTERM, how long requests in flight may take to finish"),
  ACCOUNT(
      "account",
      "demo",
      false,
      Where.EVERYWHERE,
      "default account: created on first start, acted on by store commands"),
  ADMIN_PASSWORD(
      "admin-password",
      null,
      true,
      Where.NO_FLAG,
      "first administrator's password (default: generated, printed once)"),
  URL("url", null, false, Where.CLIENT, "server the remote commands talk to"),
  TOKEN("token", null, true, Where.CLIENT, "API key the remote commands present");

  /** Where a setting can be given besides its default. */
  enum Where {
    /** Flag, environment and file. */
    EVERYWHERE,
    /** Environment and file only: a secret kept off command lines, which {@code ps} shows. */
    NO_FLAG,
    /** Flag and environment: the command line's own settings, not the server's file. */
    CLIENT,
    /** Flag and environment: where the file is. */
    ENVIRONMENT
  }

  private final String key;
  private final String defaultValue;
  private final boolean secret;
  private final Where where;
  private final String description;

  Setting(String key, String defaultValue, boolean secret, Where where, String description) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.secret = secret;
    this.where = where;
    this.description = description;
  }

  /** The name: the configuration file's key, and the flag without its dashes. */
  public String key() {
    return key;
  }

  /** The flag, or {@code null} for a setting without one. */
  public String flag() {
    return where == Where.NO_FLAG ? null : "--" + key;
  }

  /** The environment variable. */
  public String environmentVariable() {
    return "KEYWARDEN_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** Whether the configuration file may set it. */
  public boolean inFile() {
    return where == Where.EVERYWHERE || where == Where.NO_FLAG;
  }

  /** The built-in default, or {@code null}. */
  public String defaultValue() {
    return defaultValue;
  }

  /** Whether its value is never shown. */
  public boolean secret() {
    return secret;
  }

  /** What it is, in a few words. */
  public String description() {
    return description;
  }

  /** The setting a flag sets, if any. */
  static Optional<Setting> forFlag(String flag) {
    return Arrays.stream(values()).filter(s -> flag.equals(s.flag())).findFirst();
  }

  /** The setting a configuration file key names, if any. */
  static Optional<Setting> forKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
