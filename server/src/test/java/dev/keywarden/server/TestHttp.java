package dev.keywarden.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests: builds a request against one account, sends it with {@code
 * java.net.http} and returns the whole answer. Thread-safe.
 */
public final class TestHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final String baseUrl;
  private final String host;

  /**
   * Requests to {@code baseUrl}, with a {@code Host} header (or {@code null} for the URL's own).
   */
  public TestHttp(String baseUrl, String host) {
    this.baseUrl = baseUrl;
    this.host = host;
  }

  /** A GET request. */
  public Request get(String path) {
    return new Request("GET", path);
  }

  /** A POST request. */
  public Request post(String path) {
    return new Request("POST", path);
  }

  /** A PUT request. */
  public Request put(String path) {
    return new Request("PUT", path);
  }

  /** A PATCH request. */
  public Request patch(String path) {
    return new Request("PATCH", path);
  }

  /** A DELETE request. */
  public Request delete(String path) {
    return new Request("DELETE", path);
  }

  /** A request being built. Not thread-safe. */
  public final class Request {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    private Request(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** Adds a header. */
    public Request header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** Presents a token as {@code Authorization: Bearer}. */
    public Request bearer(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** A JSON body: a string is sent as is, anything else is serialized. */
    public Request json(Object value) {
      String text = value instanceof String string ? string : MAPPER.writeValueAsString(value);
      return body("application/json", text);
    }

    /** A body of any type. */
    public Request body(String contentType, String text) {
      header("Content-Type", contentType);
      this.body = text;
      return this;
    }

    /** Sends the request and reads the whole answer. */
    public Response send() {
      HttpRequest.Builder builder =
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (host != null) {
        builder.header("Host", host);
      }
      headers.forEach(builder::header);
      try {
        HttpResponse<String> response =
            CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers(), response.body());
      } catch (IOException e) {
        throw new IllegalStateException(method + " " + path + " failed: " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted", e);
      }
    }
  }

  /** An answer: status, headers and body. */
  public record Response(int status, HttpHeaders headers, String body) {
    /** The first value of a header, or {@code null}. */
    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    /** The body as JSON. */
    public JsonNode json() {
      return MAPPER.readTree(body);
    }

    /** The {@code code} of a problem answer, or {@code null}. */
    public String code() {
      JsonNode code = json().get("code");
      return code == null ? null : code.asString();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }
}
