package dev.keywarden.server.http;

import dev.keywarden.core.Caller;
import io.vertx.ext.web.RoutingContext;

/**
 * The body of an API operation: runs off the event loop with the authenticated caller and returns
 * what to answer — a view to send as JSON, a {@link Download}, or {@code null} for no content. It
 * throws a {@link dev.keywarden.core.KeywardenException} for every refusal.
 */
@FunctionalInterface
public interface Endpoint {
  /** Does the operation. */
  Object handle(RoutingContext context, Caller caller) throws Exception;

  /** A file to send instead of JSON: its name, content type and text. */
  record Download(String fileName, String contentType, String text) {
    @Override
    public String toString() {
      return "Download[" + fileName + "]";
    }
  }
}
