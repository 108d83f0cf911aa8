package dev.keywarden.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;

/**
 * An RFC 9457 problem document: {@code type}, {@code title}, {@code status}, {@code detail}, plus
 * the stable {@code code} and the offending {@code field}. Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String code, String field) {
  static Problem of(int status, String code, String detail, String field) {
    return new Problem(
        "https://keywarden.dev/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
        title(status),
        status,
        detail,
        code,
        field);
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
