package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.user.Role;
import dev.keywarden.verification.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No token, secret or password reaches the logs, whatever the requests (SPEC §2). Keywarden's own
 * loggers and everything else run at their most verbose; Vert.x and Netty keep the levels of the
 * production configuration (WARN), as Vert.x traces whole request URIs at TRACE.
 */
class LogSecrecyTest {
  static final String KEYS = "/pro/user-manager/v1/user/@current/api-key";
  static final String LICENSES = "/pro/user-manager/v1/licenses";

  final ListAppender<ILoggingEvent> captured = new ListAppender<>();
  Logger root;
  Level previousLevel;
  final Map<Logger, Level> pinned = new java.util.HashMap<>();
  TestServer server;

  @BeforeEach
  void setUp() {
    root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = root.getLevel();
    captured.start();
    root.addAppender(captured);
    root.setLevel(Level.TRACE);
    for (String name : List.of("io.vertx", "io.netty", "com.zaxxer.hikari", "org.flywaydb")) {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      pinned.put(logger, logger.getLevel());
      logger.setLevel(name.startsWith("io.") ? Level.WARN : Level.TRACE);
    }
    server = TestServer.start();
  }

  @AfterEach
  void tearDown() {
    server.close();
    root.detachAppender(captured);
    root.setLevel(previousLevel);
    pinned.forEach(Logger::setLevel);
  }

  @Test
  void aRunOfRequests_logsNoSecret() {
    List<String> secrets = new ArrayList<>();
    TestHttp http = server.http();
    String admin = server.adminToken();
    secrets.add(admin);
    CreatedKey alice = server.key(server.fixture.user("alice", Role.member), "a", Scope.APIKey);
    secrets.add(alice.token());
    secrets.add(alice.secret());

    var created =
        http.post(KEYS).bearer(admin).json(Map.of("name", "k", "scopes", List.of("Tasks"))).send();
    secrets.add(created.json().get("value").asString());
    var regenerated = http.post(KEYS + "/k/regenerate").bearer(admin).send();
    secrets.add(regenerated.json().get("value").asString());
    var license = http.post(LICENSES).bearer(admin).json(Map.of("name", "L")).send().json();
    secrets.add(license.get("default_key").get("value").asString());
    long id = license.get("id").asLong();
    http.get(LICENSES + "/" + id + "/license-file").bearer(admin).send();
    String password = "a password nobody may log";
    secrets.add(password);
    http.post("/pro/user-manager/v1/users")
        .bearer(admin)
        .json(Map.of("username", "bob", "password", password))
        .send();
    http.post("/pro/user-manager/v1/users")
        .bearer(admin)
        .json(Map.of("username", "bob", "password", password))
        .send();

    // Failures: wrong secrets, keys in URLs, secrets inside malformed bodies.
    String wrong = alice.token().substring(0, 25) + "Z" + alice.token().substring(26);
    secrets.add(wrong);
    http.get(KEYS).bearer(wrong).send();
    http.get(KEYS)
        .header("X-Access-Id", alice.key().accessId())
        .header("X-Secret-Key", "wrong-secret-value-12345")
        .send();
    secrets.add("wrong-secret-value-12345");
    http.get(KEYS + "?api_key=" + alice.token()).send();
    http.post(KEYS).bearer(admin).json("{\"name\": \"" + alice.secret() + "\"").send();
    http.post(KEYS).bearer(admin).body("text/plain", alice.token()).send();
    http.delete(KEYS + "/" + alice.secret()).bearer(admin).send();
    server.httpByPath("nobody").get(KEYS).bearer(admin).send();

    assertThat(captured.list).as("the capture works").isNotEmpty();
    assertThat(logs(captured.list)).doesNotContain("Unexpected failure");
    String logs = render(captured.list);
    for (String secret : secrets) {
      assertThat(logs).as("logs must not contain a secret").doesNotContain(secret);
    }
    assertThat(logs).doesNotContain(alice.secret());
  }

  private static String logs(List<ILoggingEvent> events) {
    return render(events);
  }

  private static String render(List<ILoggingEvent> events) {
    StringBuilder all = new StringBuilder();
    for (ILoggingEvent event : events) {
      all.append(event.getLoggerName())
          .append(' ')
          .append(event.getFormattedMessage())
          .append('\n');
      if (event.getThrowableProxy() != null) {
        all.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
      }
      event.getMDCPropertyMap().forEach((k, v) -> all.append(k).append('=').append(v));
    }
    return all.toString();
  }
}
