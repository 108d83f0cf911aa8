package dev.keywarden.cli.remote;

import dev.keywarden.cli.KeywardenCli;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.server.KeywardenServer;
import dev.keywarden.server.ServerConfig;
import dev.keywarden.verification.Scope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real server on a free port over an in-memory database (account {@code acme}, its admin, an
 * admin key with every scope), and a way to run the command line in-process capturing its output.
 */
final class RemoteTestServer implements AutoCloseable {
  final Fixture fixture;
  final KeywardenServer server;
  final String adminToken;
  final StoreConfig store;

  private RemoteTestServer(
      Fixture fixture, KeywardenServer server, String adminToken, StoreConfig store) {
    this.fixture = fixture;
    this.server = server;
    this.adminToken = adminToken;
    this.store = store;
  }

  static RemoteTestServer start() {
    StoreConfig store = TestDatabases.h2();
    Fixture fixture = Fixture.create(store);
    KeywardenServer server =
        KeywardenServer.start(
            fixture.keywarden,
            ServerConfig.defaults(0),
            // The tests read the command's stderr: no access log lines in this JVM.
            new dev.keywarden.server.Management("127.0.0.1", 0, false));
    String token = fixture.key(fixture.admin, "admin-key", Scope.values()).token();
    return new RemoteTestServer(fixture, server, token, store);
  }

  /**
   * The options that point a command at this server's store directly (the master key in a file).
   */
  List<String> storeArgs(Path directory) throws java.io.IOException {
    Path masterKey = directory.resolve("master.key");
    Files.writeString(masterKey, TestDatabases.masterKeyBase64(store));
    return List.of(
        "--db-url",
        store.jdbcUrl(),
        "--db-user",
        store.dbUser(),
        "--master-key-file",
        masterKey.toString(),
        "--account",
        "acme");
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** What a run printed and returned. */
  record Run(int exitCode, String out, String err) {}

  /** Runs the command line with the server, account and admin token appended. */
  Run asAdmin(String... args) {
    return as(adminToken, args);
  }

  /** Runs the command line with the server, account and a token appended. */
  Run as(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--url", url(), "--account", "acme", "--token", token));
    return run(all.toArray(String[]::new));
  }

  /** Runs the command line in-process, capturing stdout and stderr. */
  static synchronized Run run(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = KeywardenCli.run(args);
      System.out.flush();
      System.err.flush();
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  @Override
  public void close() {
    server.close();
    fixture.close();
  }
}
