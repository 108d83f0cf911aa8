package dev.keywarden.server.http;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper: snake_case fields, RFC 3339 timestamps. Thread-safe. */
public final class Json {
  /** The mapper every answer and request body goes through. */
  public static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private Json() {}

  /** A value as JSON text. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
