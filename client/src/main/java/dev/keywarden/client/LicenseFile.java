package dev.keywarden.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A license file: {@code PROPERTY=value} lines and {@code #} comment lines, carrying {@code
 * CLOUDACCESSID} and {@code CLOUDKEY} (the secret; {@code CLOUDSECRETKEY} is accepted too), {@code
 * LICENSEID}, {@code CLOUDPOOL} and {@code CLOUDHOST}. Property names are case-insensitive; blank
 * lines and unknown properties are ignored.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the secret.
 */
public final class LicenseFile {
  private final Path source;
  private final Map<String, String> properties;

  private LicenseFile(Path source, Map<String, String> properties) {
    this.source = source;
    this.properties = Collections.unmodifiableMap(properties);
  }

  /** Parses a license file's text. */
  public static LicenseFile parse(String text) {
    return parse(text, null);
  }

  /** Reads and parses a license file. */
  public static LicenseFile read(Path path) {
    try {
      return parse(Files.readString(path, StandardCharsets.UTF_8), path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read license file " + path + ": " + e.getMessage(), e);
    }
  }

  private static LicenseFile parse(String text, Path source) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String name = line.substring(0, equals).strip().toUpperCase(Locale.ROOT);
      properties.put(name, unquote(line.substring(equals + 1).strip()));
    }
    return new LicenseFile(source, properties);
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  /** Where the file was read from, if it was read from a file. */
  public Optional<Path> source() {
    return Optional.ofNullable(source);
  }

  /** A property by name (case-insensitive), if present and not blank. */
  public Optional<String> property(String name) {
    String value = properties.get(name.toUpperCase(Locale.ROOT));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** {@code CLOUDACCESSID}: the key's public access id. */
  public Optional<String> accessId() {
    return property("CLOUDACCESSID");
  }

  /** {@code LICENSEID}, if present and numeric. */
  public OptionalLong licenseId() {
    Optional<String> value = property("LICENSEID");
    try {
      return value.isPresent()
          ? OptionalLong.of(Long.parseLong(value.get()))
          : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code CLOUDPOOL}: the pool to use, e.g. {@code 42-default}. */
  public Optional<String> pool() {
    return property("CLOUDPOOL");
  }

  /** {@code CLOUDHOST} as written in the file. */
  public Optional<String> host() {
    return property("CLOUDHOST");
  }

  /**
   * The server's base URL from {@code CLOUDHOST}: as written when it has a scheme; otherwise {@code
   * http://} for loopback hosts ({@code localhost}, {@code *.localhost}, {@code 127.0.0.1}) and
   * {@code https://} for every other host.
   */
  public Optional<URI> serverUrl() {
    return host().map(LicenseFile::toUrl);
  }

  static URI toUrl(String host) {
    String trimmed = host.strip();
    if (trimmed.contains("://")) {
      return URI.create(trimmed);
    }
    String name = trimmed.toLowerCase(Locale.ROOT);
    int colon = name.lastIndexOf(':');
    if (colon > 0 && !name.endsWith("]")) {
      name = name.substring(0, colon);
    }
    boolean loopback =
        name.equals("localhost")
            || name.endsWith(".localhost")
            || name.startsWith("127.")
            || name.equals("[::1]");
    return URI.create((loopback ? "http://" : "https://") + trimmed);
  }

  /**
   * The credential: {@code CLOUDACCESSID} with {@code CLOUDKEY} (or {@code CLOUDSECRETKEY}).
   *
   * @throws IllegalArgumentException if either part is missing
   */
  public Credential credential() {
    String accessId =
        accessId()
            .orElseThrow(() -> new IllegalArgumentException(where() + " has no CLOUDACCESSID"));
    String secret =
        property("CLOUDKEY")
            .or(() -> property("CLOUDSECRETKEY"))
            .orElseThrow(() -> new IllegalArgumentException(where() + " has no CLOUDKEY"));
    return Credential.accessKey(accessId, secret);
  }

  private String where() {
    return source == null ? "The license file" : "License file " + source;
  }

  /** Shows the source, access id and license, never the secret. */
  @Override
  public String toString() {
    return "LicenseFile["
        + (source == null ? "" : source + ", ")
        + "access id "
        + accessId().orElse("none")
        + ", license "
        + property("LICENSEID").orElse("none")
        + "]";
  }
}
