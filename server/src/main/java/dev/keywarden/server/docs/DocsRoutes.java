package dev.keywarden.server.docs;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's own description: the OpenAPI 3.1 document at {@code /openapi.json} and an interactive
 * viewer (Swagger UI, served from its jar on the class path, no CDN) at {@code /docs/}. Resources
 * are read once.
 */
public final class DocsRoutes {
  /** Where the viewer lives. */
  public static final String DOCS = "/docs";

  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.32.6";

  private final Buffer openapi = resource("openapi.json");
  private final Buffer index = resource("docs/index.html");
  private final Buffer init = resource("docs/init.js");

  /** {@code GET /openapi.json}. */
  public Handler<RoutingContext> openapi() {
    return context -> send(context, "application/json", openapi);
  }

  /**
   * {@code GET /docs} and {@code /docs/}: the viewer's page (its relative links need the slash).
   */
  public Handler<RoutingContext> page() {
    return context -> {
      if (context.request().path().endsWith("/")) {
        send(context, "text/html; charset=utf-8", index);
      } else {
        context.redirect(DOCS + "/");
      }
    };
  }

  /** {@code GET /docs/init.js}: points the viewer at the document. */
  public Handler<RoutingContext> init() {
    return context -> send(context, "text/javascript; charset=utf-8", init);
  }

  /** {@code GET /docs/*}: the viewer's own files. */
  public Handler<RoutingContext> viewer() {
    return StaticHandler.create(SWAGGER_UI).setCachingEnabled(true).setMaxAgeSeconds(3600);
  }

  private static void send(RoutingContext context, String contentType, Buffer body) {
    context.response().putHeader("Content-Type", contentType).end(body);
  }

  private static Buffer resource(String name) {
    try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
