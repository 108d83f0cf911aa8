package dev.keywarden.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's own description: the OpenAPI 3.1 document at {@code /openapi.json} and an interactive
 * viewer (Swagger UI, served from its jar on the class path, no CDN) at {@code /docs}.
 */
final class DocsRoutes {
  static final String OPENAPI = "/openapi.json";
  static final String DOCS = "/docs";
  private static final String SWAGGER_UI = "META-INF/resources/webjars/swagger-ui/5.32.6";

  private DocsRoutes() {}

  static void register(Router root) {
    Buffer openapi = resource("openapi.json");
    Buffer index = resource("docs/index.html");
    Buffer init = resource("docs/init.js");
    root.get(OPENAPI).handler(context -> send(context, "application/json", openapi));
    // Vert.x matches "/docs" and "/docs/" alike; the page's relative links need the slash.
    root.get(DOCS)
        .handler(
            context -> {
              if (context.request().path().endsWith("/")) {
                send(context, "text/html; charset=utf-8", index);
              } else {
                context.redirect(DOCS + "/");
              }
            });
    root.get(DOCS + "/init.js")
        .handler(context -> send(context, "text/javascript; charset=utf-8", init));
    root.get(DOCS + "/*")
        .handler(StaticHandler.create(SWAGGER_UI).setCachingEnabled(true).setMaxAgeSeconds(3600));
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
