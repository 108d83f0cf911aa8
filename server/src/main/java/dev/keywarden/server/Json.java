package dev.keywarden.server;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper: snake_case fields, RFC 3339 timestamps. Thread-safe. */
public final class Json {
  static final JsonMapper MAPPER =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private Json() {}

  /** The API's JSON for a view. */
  public static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }
}
