package dev.keywarden.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the commands print for people: aligned tables and short lines drawn from the API's JSON, the
 * same JSON {@code --json} prints as it is. Thread-safe (stateless).
 */
public final class Output {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Output() {}

  /** Parses an answer of the API. */
  public static JsonNode parse(String json) {
    return JSON.readTree(json);
  }

  /** Writes a JSON tree back as compact JSON, its fields in their order. */
  public static String write(JsonNode node) {
    return JSON.writeValueAsString(node);
  }

  /** A field's text, or {@code null} when absent or null. */
  public static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  /** A field's boolean, {@code false} when absent. */
  public static boolean flag(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.asBoolean();
  }

  /** A list field as {@code A,B,C}, or {@code null} when absent. */
  public static String list(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      return null;
    }
    List<String> items = new ArrayList<>();
    value.forEach(item -> items.add(item.asString()));
    return String.join(",", items);
  }

  /** The day of an RFC 3339 timestamp field ({@code YYYY-MM-DD}, UTC), or {@code null}. */
  public static String date(JsonNode node, String field) {
    String value = text(node, field);
    return value == null || value.length() < 10 ? value : value.substring(0, 10);
  }

  /** An RFC 3339 timestamp field to the minute ({@code YYYY-MM-DDTHH:MMZ}), or {@code null}. */
  public static String minute(JsonNode node, String field) {
    String value = text(node, field);
    return value == null || value.length() < 16 ? value : value.substring(0, 16) + "Z";
  }

  /** An aligned table: a header row and rows of cells ({@code null} shows as {@code -}). */
  public static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
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

  /** A message as one sentence: one line, ending with a full stop. */
  public static String sentence(String text) {
    String line = text == null ? "Failed" : text.replaceAll("\\s*\\R\\s*", " ").strip();
    if (line.isEmpty()) {
      line = "Failed";
    }
    char last = line.charAt(line.length() - 1);
    return last == '.' || last == '!' || last == '?' ? line : line + ".";
  }
}
