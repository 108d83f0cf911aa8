package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The harness itself: a server started as users start it serves keys on both stores. */
class ServerProcessTest {
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void serve_createsAKey_verifiesIt_andStopsOnSigterm(String kind) {
    try (ServerProcess server = ServerProcess.start(Store.of(kind))) {
      Http admin = server.demo().login();
      String token = admin.createKey("service", "APIKey", "Tasks");

      Http.Response verified =
          server
              .demo()
              .as(token)
              .send("POST", Http.VERIFY, Map.of("key", token, "scopes", List.of("Tasks")));

      assertThat(verified.status()).as(verified.body()).isEqualTo(200);
      assertThat(verified.json().get("code").asString()).isEqualTo("VALID");
      assertThat(server.output()).contains("listening on port " + server.port());
      assertThat(server.stop(Duration.ofSeconds(30))).isIn(0, 143);
    }
  }
}
