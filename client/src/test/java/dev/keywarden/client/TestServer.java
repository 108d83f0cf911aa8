package dev.keywarden.client;

import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.server.KeywardenServer;
import dev.keywarden.server.ServerConfig;
import dev.keywarden.verification.Scope;

/**
 * A real server on a free port over an in-memory database seeded with account {@code acme}, its
 * admin, and an admin key with every scope. Close it after the test.
 */
final class TestServer implements AutoCloseable {
  final Fixture fixture;
  final KeywardenServer server;
  final String adminToken;

  private TestServer(Fixture fixture, KeywardenServer server, String adminToken) {
    this.fixture = fixture;
    this.server = server;
    this.adminToken = adminToken;
  }

  static TestServer start() {
    Fixture fixture = Fixture.create(TestDatabases.h2());
    KeywardenServer server = KeywardenServer.start(fixture.keywarden, ServerConfig.defaults(0));
    String token = fixture.key(fixture.admin, "admin-key", Scope.values()).token();
    return new TestServer(fixture, server, token);
  }

  /** The server's root, e.g. {@code http://127.0.0.1:40123}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A client of account acme presenting a token. */
  KeywardenClient client(String token) {
    return KeywardenClient.builder()
        .baseUrl(baseUrl())
        .account("acme")
        .credential(Credential.token(token))
        .build();
  }

  @Override
  public void close() {
    server.close();
    fixture.close();
  }
}
