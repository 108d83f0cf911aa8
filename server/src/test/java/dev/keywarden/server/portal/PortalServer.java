package dev.keywarden.server.portal;

import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.server.KeywardenServer;
import dev.keywarden.server.ServerConfig;

/**
 * A running server over a fresh H2 database with the fixture's account {@code acme} and its admin,
 * listening on a free loopback port. Close it after the test.
 */
final class PortalServer implements AutoCloseable {
  final Fixture fixture;
  final KeywardenServer server;

  private PortalServer(Fixture fixture, KeywardenServer server) {
    this.fixture = fixture;
    this.server = server;
  }

  static PortalServer start() {
    Fixture fixture = Fixture.create(TestDatabases.h2());
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            "localhost",
            null,
            dev.keywarden.server.auth.CredentialHeaders.DEFAULT,
            64 * 1024);
    return new PortalServer(fixture, KeywardenServer.start(fixture.keywarden, config));
  }

  /** The account's address by host name: {@code http://acme.localhost:<port>}. */
  String hostBase() {
    return "http://acme.localhost:" + server.port();
  }

  /** The account's address by path prefix: {@code http://127.0.0.1:<port>/a/acme}. */
  String prefixBase() {
    return "http://127.0.0.1:" + server.port() + "/a/acme";
  }

  @Override
  public void close() {
    server.close();
    fixture.close();
  }
}
