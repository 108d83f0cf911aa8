package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forward auth with {@code gateway=nginx}: nginx's {@code auth_request} passes on only 2xx, 401 and
 * 403, so the refusals it cannot pass (429, 503) answer 403 with their code and {@code
 * Retry-After}; the others answer as without the parameter.
 */
class ForwardAuthForNginxTest {
  private static final String NGINX = "scopes=Tasks&gateway=nginx";

  private Fixture fixture;
  private VerifyTestServer server;
  private User bob;

  @BeforeEach
  void start() {
    fixture = Fixture.create(TestDatabases.h2());
    server = VerifyTestServer.start(fixture.keywarden);
    bob = fixture.user("bob", Role.member);
  }

  @AfterEach
  void stop() {
    server.close();
    fixture.close();
  }

  @Test
  void rateLimited_is403WithItsCodeAndRetryAfter() {
    CreatedKey limited =
        fixture
            .keywarden
            .keys()
            .createForUser(
                fixture.operator(),
                "bob",
                new NewKey("limited", EnumSet.of(Scope.Tasks), null, null, null, List.of(), 1));

    assertThat(server.forwardAuth("acme", NGINX, "apiKey", limited.token()).statusCode())
        .isEqualTo(200);
    var refused = server.forwardAuth("acme", NGINX, "apiKey", limited.token());
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("X-Keywarden-Code")).hasValue("RATE_LIMITED");
    assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1, 60);
  }

  @Test
  void otherRefusals_keepTheirStatus() {
    CreatedKey reader = fixture.key(bob, "reader", Scope.Secret);
    var scope = server.forwardAuth("acme", NGINX, "apiKey", reader.token());
    assertThat(scope.statusCode()).isEqualTo(403);
    assertThat(scope.headers().firstValue("X-Keywarden-Code")).hasValue("INSUFFICIENT_SCOPE");
    assertThat(scope.headers().firstValue("Retry-After")).isEmpty();

    assertThat(server.forwardAuth("acme", NGINX).statusCode()).isEqualTo(401);
  }

  @Test
  void storageDown_is403WithStorageUnavailableAndRetryAfter() {
    CreatedKey warm = fixture.key(bob, "warm", Scope.Tasks);
    CreatedKey cold = fixture.key(bob, "cold", Scope.Tasks);
    assertThat(server.forwardAuth("acme", NGINX, "apiKey", warm.token()).statusCode())
        .isEqualTo(200);

    fixture.keywarden.database().close();

    var nginx = server.forwardAuth("acme", NGINX, "apiKey", cold.token());
    assertThat(nginx.statusCode()).isEqualTo(403);
    assertThat(nginx.headers().firstValue("X-Keywarden-Code")).hasValue("STORAGE_UNAVAILABLE");
    assertThat(nginx.headers().firstValue("Retry-After")).isPresent();
    assertThat(server.forwardAuth("acme", "scopes=Tasks", "apiKey", cold.token()).statusCode())
        .isEqualTo(503);
  }

  @Test
  void unknownGateway_is422NamingTheParameter() {
    var answer = server.forwardAuth("acme", "gateway=traefik");
    assertThat(answer.statusCode()).isEqualTo(422);
    assertThat(answer.body()).contains("\"field\":\"gateway\"");
  }
}
