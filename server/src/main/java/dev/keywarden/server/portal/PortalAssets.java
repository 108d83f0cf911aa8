package dev.keywarden.server.portal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's pages and assets, read once from the class path ({@code portal/}) and served from
 * memory: plain HTML, CSS and JavaScript, no build step and nothing from another origin. Immutable
 * after loading; thread-safe.
 */
final class PortalAssets {
  /** The pages, each served at {@code /portal/<page>} from {@code portal/<page>.html}. */
  static final List<String> PAGES = List.of("login", "keys", "licenses", "users");

  static final List<String> ASSETS =
      List.of("portal.css", "app.js", "login.js", "keys.js", "licenses.js", "users.js", "icon.svg");

  /**
   * Scripts and styles only from this origin, no inline script or style, no framing, no plugins,
   * and requests only back to this origin: injected markup can neither run nor send data away.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final Map<String, Buffer> pages;
  private final Map<String, Buffer> assets;

  private PortalAssets(Map<String, Buffer> pages, Map<String, Buffer> assets) {
    this.pages = pages;
    this.assets = assets;
  }

  static PortalAssets load() {
    Map<String, Buffer> pages = new HashMap<>();
    for (String page : PAGES) {
      pages.put(page, read("portal/" + page + ".html"));
    }
    Map<String, Buffer> assets = new HashMap<>();
    for (String asset : ASSETS) {
      assets.put(asset, read("portal/assets/" + asset));
    }
    return new PortalAssets(Map.copyOf(pages), Map.copyOf(assets));
  }

  void sendPage(RoutingContext context, String page) {
    HttpServerResponse response = context.response();
    headers(response, "text/html; charset=utf-8");
    response.end(pages.get(page));
  }

  void sendAsset(RoutingContext context) {
    String name = context.pathParam("file");
    Buffer asset = assets.get(name);
    if (asset == null) {
      context.fail(404);
      return;
    }
    HttpServerResponse response = context.response();
    headers(response, contentType(name));
    response.end(asset);
  }

  private static void headers(HttpServerResponse response, String contentType) {
    response
        .putHeader("Content-Type", contentType)
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Cross-Origin-Opener-Policy", "same-origin")
        .putHeader("Cache-Control", "no-cache");
  }

  private static String contentType(String name) {
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "application/octet-stream";
  }

  private static Buffer read(String path) {
    try (InputStream in = PortalAssets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Portal resource missing from the class path: " + path);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read portal resource " + path, e);
    }
  }
}
