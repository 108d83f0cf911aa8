package dev.keywarden.server;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.key.Expiry;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.verification.Scope;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A JSON request body, read field by field so that every mistake names its field. Unknown fields
 * are ignored.
 */
final class Body {
  private final JsonNode root;

  private Body(JsonNode root) {
    this.root = root;
  }

  /** The request's JSON object body (415 if not JSON, 400 if malformed or not an object). */
  static Body of(RoutingContext context) {
    Api.requireJson(context);
    String text = context.body() == null ? null : context.body().asString();
    if (text == null || text.isBlank()) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, null, "A JSON object is required");
    }
    JsonNode node = Json.MAPPER.readTree(text);
    if (node == null || !node.isObject()) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, null, "A JSON object is required");
    }
    return new Body(node);
  }

  /** An empty body (for requests that may have none). */
  static Body optional(RoutingContext context) {
    String text = context.body() == null ? null : context.body().asString();
    if (text == null || text.isBlank()) {
      return new Body(Json.MAPPER.createObjectNode());
    }
    return of(context);
  }

  String string(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw invalid(field, field + " must be a string");
    }
    return node.asString();
  }

  String requiredString(String field) {
    String value = string(field);
    if (value == null) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, field + " is required");
    }
    return value;
  }

  boolean requiredBoolean(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, field + " is required");
    }
    if (!node.isBoolean()) {
      throw invalid(field, field + " must be true or false");
    }
    return node.asBoolean();
  }

  Integer integer(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw invalid(field, field + " must be a whole number");
    }
    return node.asInt();
  }

  Long longValue(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw invalid(field, field + " must be a whole number");
    }
    return node.asLong();
  }

  Duration seconds(String field) {
    Long value = longValue(field);
    return value == null ? null : Duration.ofSeconds(value);
  }

  List<String> strings(String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(field, field + " must be an array of strings");
    }
    List<String> values = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isString()) {
        throw invalid(field, field + " must be an array of strings");
      }
      values.add(item.asString());
    }
    return values;
  }

  /** Scope identifiers (an array, or one comma-separated string). */
  Set<Scope> scopes(String field) {
    JsonNode node = root.get(field);
    List<String> names =
        node != null && node.isString() ? List.of(node.asString().split(",")) : strings(field);
    return KeyInputs.scopes(names, field);
  }

  /** An expiry, as {@link Expiry#parse} reads it. */
  Instant expiry(String field) {
    String text = string(field);
    return text == null ? null : Expiry.parse(text, field);
  }

  private static KeywardenException invalid(String field, String message) {
    return KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, message);
  }
}
