package dev.keywarden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keywarden.verification.Scope;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeywardenClientTest {
  private static TestServer server;
  private static KeywardenClient admin;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    admin = server.client(server.adminToken);
  }

  @AfterAll
  static void stop() {
    admin.close();
    server.close();
  }

  @Test
  void createKey_returnsAWorkingToken_andListShowsItWithoutSecret() {
    CreatedKey created =
        admin.createKey(
            NewKey.of("ci deploy", "Tasks", "APIKey")
                .withExpirationDate(LocalDate.now().plusDays(30))
                .withDescription("pipeline"));

    assertThat(created.token()).startsWith("kw_").hasSize(56);
    assertThat(created.key().accessId()).isEqualTo(created.token().substring(3, 19));
    assertThat(created.key().scopes()).containsExactlyInAnyOrder("Tasks", "APIKey");
    assertThat(created.toString()).doesNotContain(created.token());
    try (KeywardenClient client = server.client(created.token())) {
      List<ApiKey> keys = client.listKeys();
      assertThat(keys).extracting(ApiKey::name).contains("ci deploy", "admin-key");
      ApiKey listed = keys.stream().filter(k -> k.name().equals("ci deploy")).findFirst().get();
      assertThat(listed.binding()).isEqualTo("account");
      assertThat(listed.apiVersion()).isEqualTo("v2");
      assertThat(listed.enabled()).isTrue();
      assertThat(listed.owner()).isEqualTo("admin");
      assertThat(listed.createdAt()).isNotNull();
      assertThat(listed.expirationDate()).isNotNull();
    }
  }

  @Test
  void createKey_duplicateName_throwsConflictWithCode() {
    admin.createKey(NewKey.of("twice", "Tasks"));

    assertThatThrownBy(() -> admin.createKey(NewKey.of("twice", "Tasks")))
        .isInstanceOfSatisfying(
            KeywardenApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.CONFLICT);
              assertThat(e.code()).isEqualTo("DUPLICATE_NAME");
            });
  }

  @Test
  void createKey_unknownScope_throwsInvalidNamingTheField() {
    assertThatThrownBy(() -> admin.createKey(NewKey.of("bad-scope", "Everything")))
        .isInstanceOfSatisfying(
            KeywardenApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.INVALID);
              assertThat(e.code()).isEqualTo("INVALID_SCOPES");
              assertThat(e.field()).isEqualTo("scopes");
            });
  }

  @Test
  void deleteKey_unknownName_throwsNotFound() {
    assertThatThrownBy(() -> admin.deleteKey("no-such-key"))
        .isInstanceOfSatisfying(
            KeywardenApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.NOT_FOUND);
            });
  }

  @Test
  void deleteKey_blocksTheKeyAtOnce() {
    CreatedKey created = admin.createKey(NewKey.of("short-lived", "Tasks"));
    try (KeywardenClient client = server.client(created.token())) {
      assertThat(client.scopes()).isNotEmpty();

      admin.deleteKey("short-lived");

      assertThatThrownBy(client::scopes)
          .isInstanceOfSatisfying(
              KeywardenApiException.class,
              e -> assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.UNAUTHENTICATED));
    }
  }

  @Test
  void regenerateKey_keepsTheAccessId_oldSecretStops_newWorks() {
    CreatedKey first = admin.createKey(NewKey.of("rotated", "Tasks"));

    CreatedKey second = admin.regenerateKey("rotated");

    assertThat(second.key().accessId()).isEqualTo(first.key().accessId());
    assertThat(second.token()).isNotEqualTo(first.token());
    try (KeywardenClient old = server.client(first.token());
        KeywardenClient fresh = server.client(second.token())) {
      assertThatThrownBy(old::scopes).isInstanceOf(KeywardenApiException.class);
      assertThat(fresh.scopes()).isNotEmpty();
    }
  }

  @Test
  void regenerateKey_withGracePeriod_oldSecretKeepsWorking() {
    CreatedKey first = admin.createKey(NewKey.of("graceful", "Tasks"));

    admin.regenerateKey("graceful", Duration.ofMinutes(5));

    try (KeywardenClient old = server.client(first.token())) {
      assertThat(old.scopes()).isNotEmpty();
    }
  }

  @Test
  void scopes_listsTheNineWithDescriptions() {
    List<AuthorizationScope> scopes = admin.scopes();

    assertThat(scopes)
        .extracting(AuthorizationScope::name)
        .containsExactly(
            java.util.Arrays.stream(Scope.values()).map(Scope::name).toArray(String[]::new));
    assertThat(scopes).allSatisfy(scope -> assertThat(scope.description()).isNotBlank());
  }

  @Test
  void anyCall_withUnknownToken_throwsUnauthenticated() {
    String unknown = "kw_AAAAAAAAAAAAAAAA_" + "B".repeat(30) + "CCCCCC";
    try (KeywardenClient client = server.client(unknown)) {
      assertThatThrownBy(client::listKeys)
          .isInstanceOfSatisfying(
              KeywardenApiException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.code()).isEqualTo("UNAUTHENTICATED");
                assertThat(e.getMessage()).doesNotContain(unknown);
              });
    }
  }

  @Test
  void accessKeyCredential_sendsTheTwoParts() {
    CreatedKey created = admin.createKey(NewKey.of("two-part", "Tasks", "APIKey"));
    String secret = created.token().substring(20, 50);
    Credential credential = Credential.accessKey(created.key().accessId(), secret);
    try (KeywardenClient client =
        KeywardenClient.builder()
            .baseUrl(server.baseUrl())
            .account("acme")
            .credential(credential)
            .build()) {
      assertThat(client.listKeys()).extracting(ApiKey::name).contains("two-part");
    }
    assertThat(credential.toString()).contains(created.key().accessId()).doesNotContain(secret);
  }

  @Test
  void baseUrl_onAccountDotLocalhost_addressesTheAccountByPrefix() {
    try (KeywardenClient client =
        KeywardenClient.builder()
            .baseUrl("http://acme.localhost:" + server.server.port())
            .credential(Credential.token(server.adminToken))
            .build()) {
      assertThat(client.accountUrl().toString())
          .isEqualTo("http://localhost:" + server.server.port() + "/a/acme");
      assertThat(client.scopes()).hasSize(9);
    }
  }

  @Test
  void baseUrl_withoutScheme_usesHttpForLoopbackAndHttpsOtherwise() {
    KeywardenClient.Builder builder = KeywardenClient.builder().account("acme");

    assertThat(builder.baseUrl("127.0.0.1:8080").build().accountUrl().toString())
        .isEqualTo("http://127.0.0.1:8080/a/acme");
    assertThat(builder.baseUrl("keys.example.com").build().accountUrl().toString())
        .isEqualTo("https://keys.example.com/a/acme");
    assertThat(builder.baseUrl("https://keys.example.com/base/").build().accountUrl().toString())
        .isEqualTo("https://keys.example.com/base/a/acme");
    assertThat(builder.baseUrl("localhost:8080/a/acme").build().accountUrl().toString())
        .isEqualTo("http://localhost:8080/a/acme");
  }

  @Test
  void anyCall_unknownAccount_throwsNotFound() {
    try (KeywardenClient client =
        KeywardenClient.builder()
            .baseUrl(server.baseUrl())
            .account("nobody")
            .credential(Credential.token(server.adminToken))
            .build()) {
      assertThatThrownBy(client::listKeys)
          .isInstanceOfSatisfying(
              KeywardenApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
  }

  @Test
  void anyCall_serverDown_throwsUnavailableWithStatusZero() {
    try (KeywardenClient client =
        KeywardenClient.builder()
            .baseUrl("http://127.0.0.1:1")
            .account("acme")
            .credential(Credential.token(server.adminToken))
            .connectTimeout(Duration.ofSeconds(2))
            .build()) {
      assertThatThrownBy(client::listKeys)
          .isInstanceOfSatisfying(
              KeywardenApiException.class,
              e -> {
                assertThat(e.status()).isZero();
                assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.UNAVAILABLE);
              });
    }
  }
}
