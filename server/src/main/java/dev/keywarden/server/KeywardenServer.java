package dev.keywarden.server;

import dev.keywarden.core.Keywarden;
import dev.keywarden.verification.VerifyCode;
import io.micrometer.core.instrument.FunctionCounter;
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
import java.util.concurrent.TimeUnit;

/**
 * A running HTTP server over one {@link Keywarden} node. {@link #start} wires exactly what
 * production runs, so tests start the same thing. Close it to stop listening (the Keywarden node is
 * closed by whoever opened it).
 */
public final class KeywardenServer implements AutoCloseable {
  private final Vertx vertx;
  private final HttpServer server;
  private final Router router;

  private KeywardenServer(Vertx vertx, HttpServer server, Router router) {
    this.vertx = vertx;
    this.server = server;
    this.router = router;
  }

  /** Starts listening; blocks until the port is bound. */
  public static KeywardenServer start(Keywarden keywarden, ServerConfig config) {
    // One event loop per core: the verify path never blocks them, and more loops than cores only
    // add context switches (Vert.x defaults to two per core).
    Vertx vertx =
        Vertx.vertx(
            new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(Runtime.getRuntime().availableProcessors()));
    PrometheusMeterRegistry metrics = metrics(keywarden);
    Api api = new Api(vertx, keywarden, config);
    VerifyRoutes verification = new VerifyRoutes(api);
    Router router = Routes.build(api, metrics, verification);
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setPort(config.port())
            .setCompressionSupported(false)
            .setTcpNoDelay(true);
    try {
      HttpServer server =
          vertx
              .createHttpServer(options)
              .requestHandler(
                  request -> {
                    if (!verification.handleDirectly(request)) {
                      router.handle(request);
                    }
                  })
              .listen()
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return new KeywardenServer(vertx, server, router);
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

  private static PrometheusMeterRegistry metrics(Keywarden keywarden) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    for (VerifyCode code : VerifyCode.values()) {
      FunctionCounter.builder(
              "keywarden_verifications", keywarden.verifier(), verifier -> verifier.count(code))
          .description("Key verifications by outcome")
          .tag("code", code.name())
          .register(registry);
    }
    Gauge.builder("keywarden_cached_keys", keywarden.verifier(), verifier -> verifier.cachedKeys())
        .description("Access ids in the verification cache")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }

  /** The routes served (for tests that compare them with the OpenAPI document). */
  Router router() {
    return router;
  }

  /** The port actually bound. */
  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Closing is best effort.
    }
  }
}
