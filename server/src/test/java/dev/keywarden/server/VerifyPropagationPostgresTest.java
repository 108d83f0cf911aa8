package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two Keywarden nodes on one PostgreSQL database: a key deleted or regenerated on the first stops
 * verifying on the second within a bounded time, measured here by polling the second node's server.
 */
class VerifyPropagationPostgresTest {
  /** The product's target: well under a second. */
  private static final Duration BOUND = Duration.ofSeconds(1);

  private Fixture first;
  private Keywarden second;
  private VerifyTestServer secondServer;
  private User bob;
  private String platform;

  @BeforeEach
  void start() {
    StoreConfig config = TestDatabases.postgres();
    first = Fixture.create(config);
    first.keywarden.start();
    second = Keywarden.open(config).start();
    secondServer = VerifyTestServer.start(second);
    bob = first.user("bob", Role.member);
    platform = first.key(first.admin, "platform", Scope.APIKey).token();
  }

  @AfterEach
  void stop() {
    if (secondServer != null) {
      secondServer.close();
    }
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  private String codeOnSecond(String token) {
    var response = secondServer.verify("acme", platform, "{\"key\":\"" + token + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = dev.keywarden.server.http.Json.MAPPER.readTree(response.body());
    return answer.get("code").asString();
  }

  /** Polls until the condition holds; returns how long it took, or fails past twice the bound. */
  private static Duration timeUntil(Supplier<Boolean> condition) {
    long start = System.nanoTime();
    long giveUp = start + BOUND.multipliedBy(2).toNanos();
    while (!condition.get()) {
      assertThat(System.nanoTime())
          .as("not propagated in %s", BOUND.multipliedBy(2))
          .isLessThan(giveUp);
      Thread.onSpinWait();
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Test
  void delete_onFirstNode_failsOnSecondNodeWithinASecond() {
    CreatedKey key = first.key(bob, "ci", Scope.Tasks);
    assertThat(codeOnSecond(key.token())).isEqualTo("VALID");

    first.keywarden.keys().deleteOwn(first.session(bob), "ci");
    Duration took = timeUntil(() -> codeOnSecond(key.token()).equals("NOT_FOUND"));

    System.out.println("Deletion reached the second node in " + took.toMillis() + " ms");
    assertThat(took).isLessThan(BOUND);
  }

  @Test
  void regenerate_onFirstNode_oldSecretFailsOnSecondNodeWithinASecond() {
    CreatedKey key = first.key(bob, "ci", Scope.Tasks);
    assertThat(codeOnSecond(key.token())).isEqualTo("VALID");

    CreatedKey fresh =
        first.keywarden.keys().regenerateOwn(first.session(bob), "ci", Duration.ZERO);
    Duration took = timeUntil(() -> codeOnSecond(key.token()).equals("NOT_FOUND"));

    System.out.println("Regeneration reached the second node in " + took.toMillis() + " ms");
    assertThat(took).isLessThan(BOUND);
    assertThat(codeOnSecond(fresh.token())).isEqualTo("VALID");
  }

  @Test
  void disable_onFirstNode_isDisabledOnSecondNodeWithinASecond() {
    CreatedKey key = first.key(bob, "ci", Scope.Tasks);
    assertThat(codeOnSecond(key.token())).isEqualTo("VALID");

    first.keywarden.keys().setEnabledOwn(first.session(bob), "ci", false);
    Duration took = timeUntil(() -> codeOnSecond(key.token()).equals("DISABLED"));

    System.out.println("Disabling reached the second node in " + took.toMillis() + " ms");
    assertThat(took).isLessThan(BOUND);
  }
}
