package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile input through the real server: at least 20,000 bad requests over every route of the
 * server's own {@code /openapi.json}, sent as raw bytes (so that framing can be broken too), answer
 * no 5xx, every 4xx as {@code application/problem+json} with a {@code code}, no ERROR line in the
 * server's output, and no change to the keys, licenses, users or policy.
 */
class FuzzTest {
  private static final int REQUESTS = 20_000;
  private static final int THREADS = 16;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final List<String> SEGMENTS =
      List.of(
          "%00",
          "a%00b",
          "%",
          "%zz",
          "%C0%AF",
          "%FF%FE",
          "..",
          "%2e%2e%2f%2e%2e",
          "x".repeat(3000),
          "-1",
          "99999999999999999999",
          "0",
          "%0d%0aX-Injected:%201",
          "%1b%5b31m",
          "%7f",
          "%E2%80%AE",
          "%20",
          "@current%00",
          "kw_" + "A".repeat(6000),
          "1e9",
          "null",
          "%C2%85");

  private static final List<String> QUERIES =
      List.of(
          "",
          "?%",
          "?a=%zz",
          "?%00=%00",
          "?limit=-1",
          "?limit=abc",
          "?key=kw_abc_def",
          "?apiKey=x",
          "?" + "a=b&".repeat(3000),
          "?a[]=1&a[]=2",
          "?x=%0d%0a");

  private static final List<String> STRINGS =
      List.of(
          "a\u0000b",
          "\u0000",
          "x".repeat(70_000),
          "tab\there",
          "line\nbreak",
          "\u001b[31m",
          "\u0085",
          "\ud800",
          "",
          " ",
          "../../etc/passwd",
          "'; DROP TABLE api_keys; --",
          "name\u007f");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void badRequests_answerProblems_logNoErrors_andChangeNothing(String kind) throws Exception {
    try (ServerProcess server = ServerProcess.start(Store.of(kind))) {
      Http admin = server.demo().login();
      String token =
          admin.createKey(
              "fuzz", "APIKey", "Tasks", "Authentication", "Session", "Secret", "User", "Account");
      Http keyed = server.demo().as(token);
      JsonNode openapi =
          JSON.readTree(new Http(server.baseUrl()).send("GET", "/openapi.json", null).body());
      List<String[]> routes = routes(openapi);
      assertThat(routes).as("routes of /openapi.json").hasSizeGreaterThan(10);
      System.out.println(
          "FuzzTest routes: " + routes.stream().map(r -> r[0] + " " + r[1]).toList());
      String before = snapshot(admin, routes);

      Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      AtomicInteger sent = new AtomicInteger();
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      for (int t = 0; t < THREADS; t++) {
        int seed = t;
        pool.execute(
            () -> {
              Random random = new Random(seed * 7919L + kind.hashCode());
              for (int i = seed; i < REQUESTS; i += THREADS) {
                String[] route = routes.get(i % routes.size());
                byte[] request = request(random, i, route, token, server.port());
                String answer = exchange(server.port(), request);
                sent.incrementAndGet();
                String verdict = judge(answer);
                statuses.computeIfAbsent(verdict, v -> new AtomicInteger()).incrementAndGet();
                if (verdict.startsWith("5") || verdict.startsWith("bad")) {
                  if (failures.size() < 20) {
                    failures.add(
                        verdict
                            + " for "
                            + new String(
                                request,
                                0,
                                Math.min(300, request.length),
                                StandardCharsets.ISO_8859_1)
                            + " -> "
                            + answer.substring(0, Math.min(400, answer.length())));
                  }
                }
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "FuzzTest %s: %d requests over %d routes in %d ms; statuses %s%n",
          kind, sent.get(), routes.size(), millis, new TreeMap<>(statuses));

      assertThat(failures)
          .as(
              "5xx or non-problem answers; server said: %s",
              server.output().lines().filter(l -> !l.contains(" INFO ")).limit(30).toList())
          .isEmpty();
      assertThat(sent.get()).isGreaterThanOrEqualTo(REQUESTS);
      assertThat(snapshot(admin, routes)).as("state after the fuzz").isEqualTo(before);
      assertThat(keyed.send("GET", "/pro/user-manager/v1/user/@current/api-key", null).status())
          .isEqualTo(200);
      List<String> errors =
          server.output().lines().filter(line -> line.contains("ERROR")).limit(5).toList();
      assertThat(errors).as("ERROR lines in the server's output").isEmpty();
    }
  }

  /** Method and path template of every operation. */
  private static List<String[]> routes(JsonNode openapi) {
    List<String[]> routes = new ArrayList<>();
    for (var path : openapi.get("paths").properties()) {
      for (var operation : path.getValue().properties()) {
        String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
        if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
          routes.add(new String[] {method, path.getKey()});
        }
      }
    }
    return routes;
  }

  /**
   * What an administrator can read of the account's state, without usage fields and the audit log
   * (a {@code PUT} of the policy whose fields are all unknown is a valid request for the default
   * policy, and is audited even when it changes nothing).
   */
  private static String snapshot(Http admin, List<String[]> routes) {
    StringBuilder state = new StringBuilder();
    for (String[] route : routes) {
      String path = route[1];
      if (!route[0].equals("GET")
          || path.contains("{")
          || path.matches(".*(metrics|healthz|readyz|livez|openapi|docs|session|audit|me\\b).*")) {
        continue;
      }
      Http.Response answer = admin.send("GET", path, null);
      state
          .append(path)
          .append(' ')
          .append(answer.status())
          .append(' ')
          .append(answer.body().replaceAll(",?\"last_used[a-z_]*\":(\"[^\"]*\"|null|\\d+)", ""))
          .append('\n');
    }
    return state.toString();
  }

  private static byte[] request(Random random, int i, String[] route, String token, int port) {
    String method = route[0];
    String path = (i % 2 == 0 ? "/a/demo" : "") + fillPath(random, route[1]);
    String query = QUERIES.get(random.nextInt(QUERIES.size()));
    StringBuilder head = new StringBuilder();
    List<String> headers = new ArrayList<>();
    headers.add("Host: 127.0.0.1:" + port);
    switch (i % 3) {
      case 0 -> {}
      case 1 -> headers.add("apiKey: kw_" + "Z".repeat(random.nextInt(6000)) + "_x");
      default -> headers.add("apiKey: " + token);
    }
    byte[] body = null;
    String contentType = null;
    boolean chunkedBroken = false;
    int flavour = random.nextInt(14);
    switch (flavour) {
      case 0 -> headers.add("Host: evil.example");
      case 1 -> headers.add("X-Big: " + "h".repeat(20_000));
      case 2 -> headers.add("X-Ctl: a\u0001b");
      case 3 -> {
        contentType = "application/json; charset=ebcdic";
        body = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
      }
      case 4 -> {
        contentType = "multipart/form-data; boundary=b";
        body =
            "--b\r\nContent-Disposition: form-data; name=\"grace_period_seconds\"\r\n\r\n60\r\n--b--\r\n"
                .getBytes(StandardCharsets.UTF_8);
      }
      case 5 -> {
        contentType = "application/json";
        body =
            "{\"name\":\"a\",\"name\":\"b\",\"scopes\":[\"Tasks\"]}"
                .getBytes(StandardCharsets.UTF_8);
      }
      case 6 -> {
        contentType = "application/json";
        body = "{\"name\": [1,2".getBytes(StandardCharsets.UTF_8);
      }
      case 7 -> {
        contentType = "text/plain";
        body = "{\"name\":\"x\",\"scopes\":[\"Tasks\"]}".getBytes(StandardCharsets.UTF_8);
      }
      case 8 -> {
        contentType = "application/jsonx";
        body = "{}".getBytes(StandardCharsets.UTF_8);
      }
      case 9 -> chunkedBroken = true;
      default -> {
        contentType = "application/json";
        body = hostileJson(random).getBytes(StandardCharsets.UTF_8);
      }
    }
    head.append(method).append(' ').append(path).append(query).append(" HTTP/1.1\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    if (contentType != null) {
      head.append("Content-Type: ").append(contentType).append("\r\n");
    }
    head.append("Connection: close\r\n");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (chunkedBroken) {
      head.append("Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      head.append(random.nextBoolean() ? "zz\r\n{}\r\n0\r\n\r\n" : "ffffffffffffffffff\r\n{}");
      bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    } else {
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        bytes.writeBytes(body);
      }
    }
    return bytes.toByteArray();
  }

  private static String fillPath(Random random, String template) {
    StringBuilder path = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      path.append(part.startsWith("{") ? SEGMENTS.get(random.nextInt(SEGMENTS.size())) : part);
    }
    return path.toString();
  }

  private static String hostileJson(Random random) {
    String[] fields = {
      "name",
      "description",
      "scopes",
      "allowed_ips",
      "username",
      "password",
      "role",
      "expiration_date",
      "grace_period_seconds",
      "rate_limit_per_minute",
      "binding",
      "key",
      "access_id",
      "secret",
      "client_ip",
      "license_id",
      "account",
      "max_key_lifetime_days"
    };
    Map<String, Object> body = new TreeMap<>();
    int count = 1 + random.nextInt(4);
    for (int f = 0; f < count; f++) {
      String field = fields[random.nextInt(fields.length)];
      Object value =
          switch (random.nextInt(7)) {
            case 0 -> STRINGS.get(random.nextInt(STRINGS.size()));
            case 1 -> List.of(STRINGS.get(random.nextInt(STRINGS.size())));
            case 2 -> java.util.Collections.nCopies(2000, "10.0.0.1");
            case 3 -> Map.of("nested", List.of(1, 2));
            case 4 -> random.nextBoolean() ? Long.MAX_VALUE : -1;
            case 5 -> 1.5e308;
            default -> true;
          };
      body.put(field, value);
    }
    return JSON.writeValueAsString(body);
  }

  /** Exchanges raw bytes on a new connection; the whole answer as ISO-8859-1 text. */
  private static String exchange(int port, byte[] request) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // The server may answer and close before reading everything (a huge header).
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      try {
        for (int read; (read = in.read(buffer)) > 0; ) {
          answer.write(buffer, 0, read);
        }
      } catch (IOException e) {
        if (answer.size() == 0) {
          return "reset: " + e;
        }
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "reset: " + e;
    }
  }

  /** The status, or "bad ..." for an answer that breaks the rules. */
  private static String judge(String answer) {
    if (!answer.startsWith("HTTP/1.1 ") && !answer.startsWith("HTTP/1.0 ")) {
      return "bad: no answer";
    }
    String status = answer.substring(9, 12);
    if (status.startsWith("5")) {
      return status;
    }
    if (status.startsWith("4")) {
      int split = answer.indexOf("\r\n\r\n");
      String head = answer.substring(0, Math.max(split, 0)).toLowerCase(java.util.Locale.ROOT);
      if (!head.contains("content-type: application/problem+json")) {
        return "bad: " + status + " not problem+json";
      }
      String body = answer.substring(split + 4);
      try {
        JsonNode problem = JSON.readTree(body);
        if (problem.get("code") == null || problem.get("code").asString().isEmpty()) {
          return "bad: " + status + " without code";
        }
      } catch (RuntimeException e) {
        return "bad: " + status + " body not JSON";
      }
    }
    return status;
  }
}
