package dev.keywarden.server.verify;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.server.http.Json;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A verify request body, read with Jackson's streaming parser in one pass and without building a
 * tree: {@code key} (the printable token) or {@code access_id} with {@code secret}; optional {@code
 * scopes} (an array, or one comma-separated string), {@code license_id}, {@code client_ip} and
 * {@code api_version}. Unknown fields are skipped. Every mistake names its field. Immutable.
 *
 * @param token the presented credential, or {@code null} when the token is malformed
 */
record VerifyRequest(
    KeyToken token, Set<Scope> scopes, Long licenseId, String clientIp, ApiVersion apiVersion) {

  /** Parses a JSON object body; throws a 400-mapped {@link KeywardenException} on any mistake. */
  static VerifyRequest parse(byte[] body) {
    try (JsonParser parser = Json.MAPPER.createParser(body)) {
      return read(parser);
    } catch (JacksonException e) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_INPUT, null, "The body is not a valid JSON object");
    }
  }

  private static VerifyRequest read(JsonParser parser) {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw invalid(null, "A JSON object is required");
    }
    String key = null;
    String accessId = null;
    String secret = null;
    Set<Scope> scopes = Set.of();
    Long licenseId = null;
    String clientIp = null;
    ApiVersion apiVersion = ApiVersion.v2;
    for (JsonToken token = parser.nextToken();
        token == JsonToken.PROPERTY_NAME;
        token = parser.nextToken()) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "key" -> key = string(parser, value, field);
        case "access_id" -> accessId = string(parser, value, field);
        case "secret" -> secret = string(parser, value, field);
        case "scopes" -> scopes = scopes(parser, value, field);
        case "license_id" -> licenseId = licenseId(parser, value, field);
        case "client_ip" -> clientIp = string(parser, value, field);
        case "api_version" -> apiVersion = apiVersion(string(parser, value, field), field);
        default -> parser.skipChildren();
      }
    }
    return new VerifyRequest(token(key, accessId, secret), scopes, licenseId, clientIp, apiVersion);
  }

  private static KeyToken token(String key, String accessId, String secret) {
    if (key != null) {
      if (accessId != null || secret != null) {
        throw invalid("key", "Send either key, or access_id with secret, not both");
      }
      return TokenFormat.parse(key.trim());
    }
    if (accessId == null && secret == null) {
      throw invalid("key", "key (or access_id with secret) is required");
    }
    if (accessId == null || accessId.isBlank()) {
      throw invalid("access_id", "access_id is required with secret");
    }
    if (secret == null || secret.isBlank()) {
      throw invalid("secret", "secret is required with access_id");
    }
    return new KeyToken(accessId.trim(), secret.trim());
  }

  private static String string(JsonParser parser, JsonToken value, String field) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.VALUE_STRING) {
      throw invalid(field, field + " must be a string");
    }
    return parser.getString();
  }

  private static Long licenseId(JsonParser parser, JsonToken value, String field) {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      long id =
          value == JsonToken.VALUE_NUMBER_INT
              ? parser.getLongValue()
              : value == JsonToken.VALUE_STRING ? Long.parseLong(parser.getString()) : 0;
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException | JacksonException e) {
      // Falls through to the error below.
    }
    throw invalid(field, field + " must be a positive whole number");
  }

  private static Set<Scope> scopes(JsonParser parser, JsonToken value, String field) {
    if (value == JsonToken.VALUE_NULL) {
      return Set.of();
    }
    if (value == JsonToken.VALUE_STRING) {
      return parseScopes(parser.getString(), field);
    }
    if (value != JsonToken.START_ARRAY) {
      throw invalid(field, field + " must be an array of scope names");
    }
    List<String> names = new ArrayList<>(4);
    for (JsonToken item = parser.nextToken();
        item != JsonToken.END_ARRAY;
        item = parser.nextToken()) {
      if (item != JsonToken.VALUE_STRING) {
        throw invalid(field, field + " must be an array of scope names");
      }
      names.add(parser.getString());
    }
    return KeyInputs.scopes(names, field);
  }

  /** Comma-separated scope names; empty items are ignored. */
  static Set<Scope> parseScopes(String text, String field) {
    List<String> names = new ArrayList<>(4);
    for (String name : text.split(",")) {
      if (!name.isBlank()) {
        names.add(name);
      }
    }
    return KeyInputs.scopes(names, field);
  }

  static ApiVersion apiVersion(String text, String field) {
    if (text == null || text.equals("v2")) {
      return ApiVersion.v2;
    }
    if (text.equals("v1")) {
      return ApiVersion.v1;
    }
    throw invalid(field, field + " must be v1 or v2");
  }

  private static KeywardenException invalid(String field, String message) {
    return KeywardenException.invalid(ErrorCode.INVALID_INPUT, field, message);
  }
}
