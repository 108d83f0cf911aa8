package dev.keywarden.server.http;

import dev.keywarden.server.auth.Credentials;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes every answer of the public port: counts it by status class ({@code
 * keywarden_http_responses_total{class="2xx"}}) and, when enabled, writes one line to the logger
 * {@code dev.keywarden.access}: method, path with query values redacted, status, duration and the
 * access id of a presented key. Never a key, a secret or a query value. Thread-safe.
 */
public final class AccessLog {
  /** The access log's own logger, so that logging configuration can turn it off alone. */
  public static final String LOGGER = "dev.keywarden.access";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
  private static final Pattern ACCESS_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Credentials credentials;
  private final boolean enabled;
  private final Counter[] byClass = new Counter[6];

  /** Counts into the registry; logs when {@code enabled}. */
  public AccessLog(Credentials credentials, MeterRegistry metrics, boolean enabled) {
    this.credentials = credentials;
    this.enabled = enabled;
    for (int i = 1; i <= 5; i++) {
      byClass[i] =
          Counter.builder("keywarden_http_responses")
              .description("HTTP answers of the public port, by status class")
              .tag("class", i + "xx")
              .register(metrics);
    }
  }

  /** Starts observing a request; its answer is counted and logged when it ends. */
  public void observe(HttpServerRequest request) {
    long started = System.nanoTime();
    HttpServerResponse response = request.response();
    response.endHandler(ignored -> ended(request, response.getStatusCode(), started));
  }

  private void ended(HttpServerRequest request, int status, long started) {
    int statusClass = status / 100;
    if (statusClass >= 1 && statusClass <= 5) {
      byClass[statusClass].increment();
    }
    if (!enabled || !LOG.isInfoEnabled()) {
      return;
    }
    double millis = (System.nanoTime() - started) / 1_000_000.0;
    String path = redacted(request.path(), request.query());
    String accessId = accessId(request);
    LOG.atInfo()
        .addKeyValue("method", request.method().name())
        .addKeyValue("path", path)
        .addKeyValue("status", status)
        .addKeyValue("duration_ms", Math.round(millis * 1000) / 1000.0)
        .addKeyValue("access_id", accessId)
        .log(
            "{} {} {} {}ms{}",
            request.method().name(),
            path,
            status,
            String.format(java.util.Locale.ROOT, "%.3f", millis),
            accessId == null ? "" : " access_id=" + accessId);
  }

  /**
   * The path with each query value replaced by {@code ***} (values may carry anything), and each
   * path segment long enough to be a secret (20 or more characters, as a key's secret is) too: a
   * client that wrongly puts a key in the path must not have it written here.
   */
  static String redacted(String path, String query) {
    StringBuilder out = new StringBuilder(path.length() + 16);
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        out.append('/');
      }
      out.append(segments[i].length() >= 20 ? "***" : segments[i]);
    }
    if (query == null || query.isEmpty()) {
      return out.toString();
    }
    out.append('?');
    String[] pairs = query.split("&", -1);
    for (int i = 0; i < pairs.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      int equals = pairs[i].indexOf('=');
      String name = equals < 0 ? pairs[i] : pairs[i].substring(0, equals);
      out.append(name.length() > 64 ? "***" : name);
      if (equals >= 0) {
        out.append("=***");
      }
    }
    return out.toString();
  }

  /** The access id of a presented key, when it looks like one (never anything else). */
  private String accessId(HttpServerRequest request) {
    if (credentials.read(request) instanceof Credentials.Key key
        && key.token() != null
        && ACCESS_ID.matcher(key.token().accessId()).matches()) {
      return key.token().accessId();
    }
    return null;
  }
}
