package dev.keywarden.server;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.util.function.UnaryOperator;

/**
 * A real Keywarden server for tests: a {@link Fixture} (account {@code acme} and its admin) on a
 * fresh database, served over HTTP on a free port exactly as production wires it. Requests go
 * through {@link #http()}, which addresses the account by its {@code Host} header (the JVM needs
 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}, set in the surefire configuration) or, with
 * {@link #httpByPath}, by the {@code /a/<account>/} path prefix. Close it after the test.
 */
public final class TestServer implements AutoCloseable {
  /** The seeded store: account {@code acme}, its {@code admin}, a clock tests move by hand. */
  public final Fixture fixture;

  private final KeywardenServer server;
  private final ServerConfig config;
  private String adminToken;

  private TestServer(Fixture fixture, KeywardenServer server, ServerConfig config) {
    this.fixture = fixture;
    this.server = server;
    this.config = config;
  }

  /** A server on a fresh in-memory H2 database. */
  public static TestServer start() {
    return start(TestDatabases.h2());
  }

  /** A server on the given store (e.g. {@link TestDatabases#postgres()}). */
  public static TestServer start(StoreConfig store) {
    return start(store, UnaryOperator.identity());
  }

  /** A server on the given store with an adjusted configuration (port 0, base domain localhost). */
  public static TestServer start(StoreConfig store, UnaryOperator<ServerConfig> configure) {
    Fixture fixture = Fixture.create(store);
    try {
      ServerConfig config = configure.apply(ServerConfig.defaults(0).withHost("127.0.0.1"));
      return new TestServer(fixture, KeywardenServer.start(fixture.keywarden, config), config);
    } catch (RuntimeException e) {
      fixture.close();
      throw e;
    }
  }

  /** The services behind the server. */
  public Keywarden keywarden() {
    return fixture.keywarden;
  }

  /** The configuration the server runs with. */
  public ServerConfig config() {
    return config;
  }

  /** The route table the server serves. */
  dev.keywarden.server.http.RouteTable routes() {
    return server.routes();
  }

  /** The port the server listens on. */
  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Requests to account {@code acme}, addressed by host name. */
  public TestHttp http() {
    return http(fixture.account.name());
  }

  /** Requests to an account, addressed by host name ({@code <account>.localhost:<port>}). */
  public TestHttp http(String account) {
    return new TestHttp(baseUrl(), account + "." + config.baseDomain() + ":" + port());
  }

  /** Requests to an account, addressed by the {@code /a/<account>} path prefix. */
  public TestHttp httpByPath(String account) {
    return new TestHttp(baseUrl() + "/a/" + account, null);
  }

  /** Requests without any account (no account host name, no prefix). */
  public TestHttp httpWithoutAccount() {
    return new TestHttp(baseUrl(), null);
  }

  /** Requests to the management listener (health, metrics), on loopback. */
  public TestHttp management() {
    return new TestHttp("http://127.0.0.1:" + server.managementPort(), null);
  }

  /** A token of a key of the admin with every scope, created on first use. */
  public synchronized String adminToken() {
    if (adminToken == null) {
      adminToken = token(fixture.admin, "test-admin", Scope.values());
    }
    return adminToken;
  }

  /** Creates a key for a user and returns its token. */
  public String token(User owner, String name, Scope... scopes) {
    return key(owner, name, scopes).token();
  }

  /** Creates a key for a user. */
  public CreatedKey key(User owner, String name, Scope... scopes) {
    return fixture.key(owner, name, scopes);
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      fixture.close();
    }
  }
}
