package dev.keywarden.client;

import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns a non-2xx answer into a {@link KeywardenApiException}. Thread-safe (stateless). */
final class Problems {
  private Problems() {}

  static KeywardenApiException toException(HttpResponse<String> response) {
    int status = response.statusCode();
    String code = "HTTP_" + status;
    String detail = "The server answered " + status;
    if (status >= 300 && status < 400) {
      detail +=
          response
              .headers()
              .firstValue("Location")
              .map(location -> ", a redirect to " + location + ": use that URL")
              .orElse("");
    }
    String field = null;
    String body = response.body();
    if (body != null && body.stripLeading().startsWith("{")) {
      try {
        JsonNode problem = ClientJson.MAPPER.readTree(body);
        code = text(problem, "code", code);
        detail = text(problem, "detail", text(problem, "title", detail));
        field = text(problem, "field", null);
      } catch (JacksonException e) {
        // Not a problem document: keep the status-based code and detail.
      }
    }
    return new KeywardenApiException(status, code, detail, field, retryAfter(response), null);
  }

  private static String text(JsonNode node, String name, String fallback) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() || value.asString().isBlank()
        ? fallback
        : value.asString();
  }

  private static Duration retryAfter(HttpResponse<String> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(
            value -> {
              try {
                return Duration.ofSeconds(Long.parseLong(value.strip()));
              } catch (NumberFormatException e) {
                return null;
              }
            })
        .orElse(null);
  }
}
