package dev.keywarden.cli.remote;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prints what the remote commands show: aligned tables for people, indented snake_case JSON (the
 * API's own shapes) for scripts. Thread-safe (stateless).
 */
final class Output {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private Output() {}

  static void json(PrintWriter out, Object value) {
    out.println(JSON.writeValueAsString(value));
  }

  /** An aligned table: a header row and rows of cells ({@code null} shows as {@code -}). */
  static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], cell(row, i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        String cell = cell(row, i);
        line.append(cell);
        if (i < widths.length - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static String cell(List<String> row, int index) {
    String value = index < row.size() ? row.get(index) : null;
    return value == null || value.isEmpty() ? "-" : value;
  }

  /** A day, {@code YYYY-MM-DD} in UTC. */
  static String date(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  /** A moment to the minute, UTC. */
  static String minute(Instant instant) {
    return instant == null
        ? null
        : instant.atOffset(ZoneOffset.UTC).toLocalDateTime().withSecond(0).withNano(0) + "Z";
  }
}
