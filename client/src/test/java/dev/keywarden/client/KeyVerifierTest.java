package dev.keywarden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keywarden.core.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyVerifierTest {
  private static TestServer server;
  private static KeywardenClient platform;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    platform = server.client(server.adminToken);
  }

  @AfterAll
  static void stop() {
    platform.close();
    server.close();
  }

  private static String newKey(String name, String... scopes) {
    return platform.createKey(NewKey.of(name, scopes)).token();
  }

  @Test
  void verify_validToken_answersValidWithTheKeysIdentity() {
    String token = newKey("identity", "Tasks", "Session");
    KeyVerifier verifier = KeyVerifier.builder(platform).build();

    VerifyResult result = verifier.verify(token, Set.of("Tasks"), null);

    assertThat(result.valid()).isTrue();
    assertThat(result.code()).isEqualTo(VerifyCode.VALID);
    assertThat(result.accessId()).isEqualTo(token.substring(3, 19));
    assertThat(result.account()).isEqualTo("acme");
    assertThat(result.owner()).isEqualTo("admin");
    assertThat(result.scopes()).containsExactlyInAnyOrder("Tasks", "Session");
    assertThat(result.binding()).isEqualTo("account");
    assertThat(result.expiresAt()).isNotNull();
  }

  @Test
  void verify_deletedKey_stopsVerifyingOnceTheTtlHasPassed() {
    MutableClock clock = MutableClock.now();
    KeyVerifier verifier =
        KeyVerifier.builder(platform).ttl(Duration.ofSeconds(5)).clock(clock).build();
    String token = newKey("revoked-later", "Tasks");
    assertThat(verifier.verify(token).valid()).isTrue();

    platform.deleteKey("revoked-later");

    clock.advance(Duration.ofSeconds(4));
    assertThat(verifier.verify(token).valid()).as("cached, within the bound").isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(verifier.verify(token).code()).isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void verify_deletedKey_stopsVerifyingWithinTheTtlInRealTime() throws InterruptedException {
    Duration ttl = Duration.ofMillis(500);
    KeyVerifier verifier = KeyVerifier.builder(platform).ttl(ttl).build();
    String token = newKey("revoked-now", "Tasks");
    assertThat(verifier.verify(token).valid()).isTrue();

    platform.deleteKey("revoked-now");
    long deletedAt = System.nanoTime();
    while (verifier.verify(token).valid()) {
      Thread.sleep(20);
      assertThat(Duration.ofNanos(System.nanoTime() - deletedAt)).isLessThan(ttl.multipliedBy(4));
    }

    assertThat(Duration.ofNanos(System.nanoTime() - deletedAt))
        .isLessThanOrEqualTo(ttl.plusMillis(200));
  }

  @Test
  void verify_regeneratedKey_oldTokenStopsWithinTheTtl() {
    MutableClock clock = MutableClock.now();
    KeyVerifier verifier = KeyVerifier.builder(platform).clock(clock).build();
    String old = newKey("rotate-me", "Tasks");
    assertThat(verifier.verify(old).valid()).isTrue();

    String fresh = platform.regenerateKey("rotate-me").token();

    assertThat(verifier.verify(fresh).valid()).isTrue();
    clock.advance(KeyVerifier.DEFAULT_TTL);
    assertThat(verifier.verify(old).valid()).isFalse();
  }

  @Test
  void verify_negativeAnswer_isNeverCached() {
    MutableClock clock = MutableClock.now();
    KeyVerifier verifier = KeyVerifier.builder(platform).clock(clock).build();
    String token = newKey("switched", "Tasks");
    platform.setKeyEnabled("switched", false);
    assertThat(verifier.verify(token).code()).isEqualTo(VerifyCode.DISABLED);

    platform.setKeyEnabled("switched", true);

    assertThat(verifier.verify(token).valid()).as("seen at once, without waiting").isTrue();
    assertThat(verifier.cachedEntries()).isPositive();
  }

  @Test
  void verify_missingScope_isInsufficientScope_andCachedSeparatelyFromOtherScopes() {
    KeyVerifier verifier = KeyVerifier.builder(platform).build();
    String token = newKey("tasks-only", "Tasks");

    assertThat(verifier.verify(token, Set.of("Tasks"), null).valid()).isTrue();
    assertThat(verifier.verify(token, List.of("Secret"), null).code())
        .isEqualTo(VerifyCode.INSUFFICIENT_SCOPE);
  }

  @Test
  void verify_malformedToken_isRefusedWithoutAskingTheServer() {
    try (KeywardenClient unreachable =
        KeywardenClient.builder()
            .baseUrl("http://127.0.0.1:1")
            .account("acme")
            .credential(Credential.token(server.adminToken))
            .build()) {
      KeyVerifier verifier = KeyVerifier.builder(unreachable).build();

      assertThat(verifier.verify("kw_not-a-token").code()).isEqualTo(VerifyCode.NOT_FOUND);
      String flipped = newKey("typo", "Tasks");
      flipped =
          flipped.substring(0, 30)
              + (flipped.charAt(30) == 'a' ? 'b' : 'a')
              + flipped.substring(31);
      assertThat(verifier.verify(flipped).code()).isEqualTo(VerifyCode.NOT_FOUND);
    }
  }

  @Test
  void verify_serverUnreachable_throwsInsteadOfFailingOpen() {
    try (KeywardenClient unreachable =
        KeywardenClient.builder()
            .baseUrl("http://127.0.0.1:1")
            .account("acme")
            .credential(Credential.token(server.adminToken))
            .build()) {
      KeyVerifier verifier = KeyVerifier.builder(unreachable).build();

      assertThatThrownBy(() -> verifier.verify(server.adminToken))
          .isInstanceOfSatisfying(
              KeywardenApiException.class,
              e -> assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.UNAVAILABLE));
    }
  }

  @Test
  void verify_callerWithoutApiKeyScope_isForbidden() {
    String weak = newKey("weak-platform", "Tasks");
    try (KeywardenClient client = server.client(weak)) {
      KeyVerifier verifier = KeyVerifier.builder(client).build();

      assertThatThrownBy(() -> verifier.verify(server.adminToken))
          .isInstanceOfSatisfying(
              KeywardenApiException.class,
              e -> assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.FORBIDDEN));
    }
  }

  @Test
  void verify_manyKeys_cacheStaysWithinItsMaximumSize() {
    KeyVerifier verifier = KeyVerifier.builder(platform).maximumSize(2).build();

    for (int i = 0; i < 4; i++) {
      assertThat(verifier.verify(newKey("many-" + i, "Tasks")).valid()).isTrue();
      assertThat(verifier.cachedEntries()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void verify_concurrentCallers_allSeeTheRevocationOnceTheTtlHasPassed() throws Exception {
    MutableClock clock = MutableClock.now();
    KeyVerifier verifier = KeyVerifier.builder(platform).clock(clock).build();
    String token = newKey("busy", "Tasks");
    java.util.concurrent.ExecutorService threads =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      assertThat(countValid(threads, verifier, token)).isEqualTo(8 * 25);

      platform.deleteKey("busy");
      clock.advance(verifier.ttl());

      assertThat(countValid(threads, verifier, token)).isZero();
    } finally {
      threads.shutdownNow();
    }
  }

  private static int countValid(
      java.util.concurrent.ExecutorService threads, KeyVerifier verifier, String token)
      throws Exception {
    List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
    for (int thread = 0; thread < 8; thread++) {
      results.add(
          threads.submit(
              () -> {
                int valid = 0;
                for (int i = 0; i < 25; i++) {
                  valid += verifier.verify(token, Set.of("Tasks"), null).valid() ? 1 : 0;
                }
                return valid;
              }));
    }
    int total = 0;
    for (var result : results) {
      total += result.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    return total;
  }

  @Test
  void verify_twoPartCredential_isVerifiedAndCachedLikeAToken() {
    MutableClock clock = MutableClock.now();
    KeyVerifier verifier = KeyVerifier.builder(platform).clock(clock).build();
    String token = newKey("two-parts", "Tasks");
    Credential parts = Credential.accessKey(token.substring(3, 19), token.substring(20, 50));
    Credential wrong = Credential.accessKey(token.substring(3, 19), "x".repeat(30));

    assertThat(verifier.verify(parts, Set.of("Tasks"), null).valid()).isTrue();
    assertThat(verifier.verify(wrong, Set.of("Tasks"), null).valid()).isFalse();
    platform.deleteKey("two-parts");
    assertThat(verifier.verify(parts, Set.of("Tasks"), null).valid()).isTrue();
    verifier.invalidate(parts);
    assertThat(verifier.verify(parts, Set.of("Tasks"), null).code())
        .isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void invalidate_forgetsTheToken() {
    KeyVerifier verifier = KeyVerifier.builder(platform).build();
    String token = newKey("forget-me", "Tasks");
    verifier.verify(token);
    assertThat(verifier.cachedEntries()).isEqualTo(1);

    verifier.invalidate(token);

    assertThat(verifier.cachedEntries()).isZero();
  }
}
