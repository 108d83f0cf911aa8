package dev.keywarden.server;

import dev.keywarden.core.Keywarden;
import dev.keywarden.server.account.AccountRoutes;
import dev.keywarden.server.auth.AuthMetrics;
import dev.keywarden.server.auth.Authenticator;
import dev.keywarden.server.auth.ClientAddress;
import dev.keywarden.server.auth.Credentials;
import dev.keywarden.server.auth.KeyCheck;
import dev.keywarden.server.auth.Refusals;
import dev.keywarden.server.docs.DocsRoutes;
import dev.keywarden.server.http.AccessLog;
import dev.keywarden.server.http.AccountDirectory;
import dev.keywarden.server.http.ChangeWait;
import dev.keywarden.server.http.Endpoints;
import dev.keywarden.server.http.FrontDoor;
import dev.keywarden.server.http.RequestBodies;
import dev.keywarden.server.http.RouteTable;
import dev.keywarden.server.key.KeyRoutes;
import dev.keywarden.server.license.LicenseRoutes;
import dev.keywarden.server.ops.OpsRoutes;
import dev.keywarden.server.portal.PortalRoutes;
import dev.keywarden.server.user.UserRoutes;
import dev.keywarden.server.verify.RevocationMetrics;
import dev.keywarden.server.verify.Verification;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running HTTP server over one {@link Keywarden} node. {@link #start} builds the object graph by
 * hand, in plain sight — each handler with only what it uses — declares the routes ({@link Routes})
 * and listens with one {@link FrontDoor}; tests start exactly what production runs. Close it to
 * stop listening (the Keywarden node is closed by whoever opened it).
 */
public final class KeywardenServer implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final HttpServer management;
  private final RouteTable routes;

  private KeywardenServer(
      Vertx vertx, HttpServer server, HttpServer management, RouteTable routes) {
    this.vertx = vertx;
    this.server = server;
    this.management = management;
    this.routes = routes;
  }

  /** Starts listening, management on a free loopback port; blocks until the ports are bound. */
  public static KeywardenServer start(Keywarden keywarden, ServerConfig config) {
    return start(keywarden, config, Management.loopback());
  }

  /** Starts listening on the public and management ports; blocks until both are bound. */
  public static KeywardenServer start(
      Keywarden keywarden, ServerConfig config, Management operations) {
    // One event loop per core: the verify path never blocks them, and more loops than cores only
    // add context switches (Vert.x defaults to two per core).
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    try {
      PrometheusMeterRegistry metrics = metrics(keywarden);
      AccountDirectory accounts =
          new AccountDirectory(vertx, keywarden.accounts(), config.baseDomain());
      RouteTable routes = Routes.declare(features(vertx, keywarden, config, accounts, metrics));
      Router router =
          routes.router(
              vertx,
              List.of(
                  BodyHandler.create(false).setBodyLimit(config.bodyLimitBytes()),
                  accounts.resolver()));
      AccessLog accessLog =
          new AccessLog(new Credentials(config.headers()), metrics, operations.accessLog());
      HttpServer management =
          await(
              vertx
                  .createHttpServer(
                      new HttpServerOptions().setHost(operations.host()).setPort(operations.port()))
                  .requestHandler(routes.managementRouter(vertx))
                  .listen());
      HttpServer server =
          await(
              vertx
                  .createHttpServer(options(config))
                  .requestHandler(new FrontDoor(routes, router, accessLog))
                  .invalidRequestHandler(FrontDoor::invalid)
                  .listen());
      return new KeywardenServer(vertx, server, management, routes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vertx.close();
      throw new IllegalStateException("Interrupted while starting the server", e);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException(
          "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
    }
  }

  private static HttpServer await(io.vertx.core.Future<HttpServer> listening) throws Exception {
    return listening.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static Routes.Features features(
      Vertx vertx,
      Keywarden keywarden,
      ServerConfig config,
      AccountDirectory accounts,
      PrometheusMeterRegistry metrics) {
    Credentials credentials = new Credentials(config.headers());
    ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
    KeyCheck keyCheck = new KeyCheck(vertx, keywarden.verifier());
    Refusals refusals = new Refusals(keywarden.clock());
    Authenticator authenticator =
        new Authenticator(
            vertx,
            keyCheck,
            keywarden.sessions(),
            credentials,
            clientAddress,
            refusals,
            new AuthMetrics(metrics));
    return new Routes.Features(
        new Endpoints(vertx, new ChangeWait(keywarden)),
        authenticator,
        new OpsRoutes(vertx, keywarden.database(), metrics),
        new DocsRoutes(),
        new Verification(
            new RequestBodies(config.bodyLimitBytes()),
            accounts,
            authenticator,
            credentials,
            clientAddress,
            keyCheck,
            refusals,
            metrics),
        new PortalRoutes(vertx, keywarden.sessions(), keywarden.users(), authenticator),
        new KeyRoutes(keywarden.keys()),
        new LicenseRoutes(keywarden.licenses(), keywarden.keys(), config.cloudHost()),
        new UserRoutes(keywarden.users()),
        new AccountRoutes(keywarden.accounts(), keywarden.audit()));
  }

  private static HttpServerOptions options(ServerConfig config) {
    return new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setCompressionSupported(false)
        .setTcpNoDelay(true);
  }

  private static PrometheusMeterRegistry metrics(Keywarden keywarden) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Two of Micrometer's processor meters break Prometheus naming rules (promtool check metrics):
    // a "_count" gauge and a counter in abbreviated units (process_cpu_usage stays).
    registry
        .config()
        .meterFilter(
            io.micrometer.core.instrument.config.MeterFilter.deny(
                id -> id.getName().equals("process.cpu.time")))
        .meterFilter(
            new io.micrometer.core.instrument.config.MeterFilter() {
              @Override
              public io.micrometer.core.instrument.Meter.Id map(
                  io.micrometer.core.instrument.Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
              }
            });
    Gauge.builder("keywarden_cached_keys", keywarden.verifier(), verifier -> verifier.cachedKeys())
        .description("Access ids in the verification cache")
        .register(registry);
    // An info metric of the Prometheus client itself: Micrometer would drop the _info suffix.
    io.prometheus.metrics.core.metrics.Info.builder()
        .name("keywarden_build_info")
        .help("The running build: its version as a label")
        .labelNames("version")
        .register(registry.getPrometheusRegistry())
        .setLabelValues(OpsRoutes.version());
    RevocationMetrics.bind(keywarden, registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  /** The routes served (for tests that compare them with the OpenAPI document). */
  RouteTable routes() {
    return routes;
  }

  /** The port actually bound. */
  public int port() {
    return server.actualPort();
  }

  /** The management port actually bound. */
  public int managementPort() {
    return management.actualPort();
  }

  /** Stops at once: {@link #close(Duration)} with no grace for requests in flight. */
  @Override
  public void close() {
    close(Duration.ZERO);
  }

  /**
   * Stops gracefully: stops accepting connections, lets the requests already received finish for up
   * to {@code grace} (each connection is closed once its answer is sent), then stops the event
   * loops and worker threads. Blocks until done.
   */
  public void close(Duration grace) {
    try {
      server
          .shutdown(grace)
          .toCompletionStage()
          .toCompletableFuture()
          .get(grace.toMillis() + 10_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Past the grace period the remaining connections are closed below.
    }
    try {
      management.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Closing is best effort.
    }
  }
}
