package dev.keywarden.server.http;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.key.Expiry;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.verification.Scope;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request body, read field by field so that every mistake names its field. Unknown fields
 * are ignored. Immutable.
 */
public final class Body {
  private final JsonNode root;

  private Body(JsonNode root) {
    this.root = root;
  }

  /** The request's JSON object body (415 if not JSON, 400 if malformed or not an object). */
  public static Body of(RoutingContext context) {
    requireJson(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
    String text = text(context);
    if (text == null || text.isBlank()) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, null, "A JSON object is required");
    }
    JsonNode node = Json.MAPPER.readTree(text);
    if (node == null || !node.isObject()) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, null, "A JSON object is required");
    }
    return new Body(node);
  }

  /**
   * Throws unless a {@code Content-Type} is {@code application/json}, with no parameter but an
   * optional UTF-8 charset (JSON is UTF-8: RFC 8259).
   */
  public static void requireJson(String contentType) {
    if (!isJson(contentType)) {
      throw KeywardenException.invalid(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type",
          "Send JSON: Content-Type: application/json (UTF-8)");
    }
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals).strip();
      String value = equals < 0 ? "" : parameter.substring(equals + 1).strip();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      if (!name.equalsIgnoreCase("charset")
          || !(value.equalsIgnoreCase("utf-8") || value.equalsIgnoreCase("utf8"))) {
        return false;
      }
    }
    return true;
  }

  /** The body as UTF-8 (never the declared charset: an unknown one would throw). */
  private static String text(RoutingContext context) {
    if (context.body() == null || context.body().buffer() == null) {
      return null;
    }
    return context.body().buffer().toString(StandardCharsets.UTF_8);
  }

  /** An empty body (for requests that may have none). */
  public static Body optional(RoutingContext context) {
    String text = text(context);
    var headers = context.request().headers();
    boolean sent =
        headers.get(HttpHeaders.CONTENT_TYPE) != null
            || headers.get(HttpHeaders.TRANSFER_ENCODING) != null
            || !"0".equals(String.valueOf(headers.get(HttpHeaders.CONTENT_LENGTH)).strip())
                && headers.get(HttpHeaders.CONTENT_LENGTH) != null;
    if (!sent && (text == null || text.isEmpty())) {
      return new Body(Json.MAPPER.createObjectNode());
    }
    return of(context);
  }

  public String string(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw invalid(field, field + " must be a string");
    }
    return checked(field, node.asString());
  }

  /** The longest text any string field may hold (the widest text column is 500 characters). */
  static final int MAX_STRING = 500;

  /**
   * A string value refused when it holds a control character (NUL included: no column stores it) or
   * is longer than {@link #MAX_STRING}; the services bound each field more tightly.
   */
  static String checked(String field, String value) {
    if (value.length() > MAX_STRING) {
      throw invalid(field, field + " must be at most " + MAX_STRING + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        throw invalid(field, field + " must not contain control characters");
      }
    }
    return value;
  }

  public String requiredString(String field) {
    String value = string(field);
    if (value == null) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, field + " is required");
    }
    return value;
  }

  public boolean requiredBoolean(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, field + " is required");
    }
    if (!node.isBoolean()) {
      throw invalid(field, field + " must be true or false");
    }
    return node.asBoolean();
  }

  public Integer integer(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw invalid(field, field + " must be a whole number");
    }
    return node.asInt();
  }

  public Long longValue(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw invalid(field, field + " must be a whole number");
    }
    return node.asLong();
  }

  public Duration seconds(String field) {
    Long value = longValue(field);
    return value == null ? null : Duration.ofSeconds(value);
  }

  public List<String> strings(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(field, field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    int total = 0;
    for (JsonNode item : node) {
      if (!item.isString()) {
        throw invalid(field, field + " must be an array of strings");
      }
      String value = checked(field, item.asString());
      total += value.length() + 1;
      if (total > MAX_STRING) {
        throw invalid(field, field + " must list at most " + MAX_STRING + " characters in all");
      }
      values.add(value);
    }
    return values;
  }

  /** Scope identifiers (an array, or one comma-separated string). */
  public Set<Scope> scopes(String field) {
    JsonNode node = root.get(field);
    List<String> names =
        node != null && node.isString()
            ? List.of(checked(field, node.asString()).split(","))
            : strings(field);
    return KeyInputs.scopes(names, field);
  }

  /** An expiry, as {@link Expiry#parse} reads it. */
  public Instant expiry(String field) {
    String text = string(field);
    return text == null ? null : Expiry.parse(text, field);
  }

  private static KeywardenException invalid(String field, String message) {
    return KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, message);
  }
}
