package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.verification.Scope;
import org.junit.jupiter.api.Test;

/** A storage failure is the service's fault, not the caller's: 503, never a misleading 401. */
class StorageOutageTest {
  static final String KEYS = "/pro/user-manager/v1/user/@current/api-key";

  @Test
  void keyNotCached_whenStorageIsDown_is503() {
    try (TestServer server = TestServer.start()) {
      TestHttp http = server.http();
      String warm = server.token(server.fixture.admin, "warm", Scope.APIKey);
      String cold = server.token(server.fixture.admin, "cold", Scope.APIKey);
      assertThat(http.get(KEYS).bearer(warm).send().status()).isEqualTo(200);

      server.fixture.keywarden.database().close();

      var answer = http.get(KEYS).bearer(cold).send();
      assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
      assertThat(answer.code()).isEqualTo("STORAGE_UNAVAILABLE");
      assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
    }
  }
}
