package dev.keywarden.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.key.ApiKey;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import dev.keywarden.verification.VerifyCode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verification codes, caching and cross-node revocation, run against each database. */
abstract class VerifierContract {
  Fixture fixture;
  User alice;
  StoreConfig config;

  abstract StoreConfig store();

  @BeforeEach
  void setUp() {
    config = store();
    fixture = Fixture.create(config);
    alice = fixture.user("alice", Role.member);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  Verifier verifier() {
    return fixture.keywarden.verifier();
  }

  CreatedKey create(NewKey request) {
    return fixture.keywarden.keys().createOwn(fixture.session(alice), request);
  }

  static KeyToken token(CreatedKey key) {
    return TokenFormat.parse(key.token());
  }

  static Requirements needs(Long account, Set<Scope> scopes, Long license, String ip) {
    return new Requirements(account, scopes, license, null, ip);
  }

  @Test
  void verify_eachFailingCheck_givesItsCode() {
    CreatedKey key =
        create(
            new NewKey("k", EnumSet.of(Scope.Tasks), null, null, null, List.of("10.1.0.0/16"), 2));
    KeyToken token = token(key);
    long account = fixture.account.id();

    assertThat(verifier().verify(token, needs(account, Set.of(), null, "10.1.2.3")).code())
        .isEqualTo(VerifyCode.VALID);
    assertThat(verifier().verify(token, needs(account + 99, Set.of(), null, "10.1.2.3")).code())
        .isEqualTo(VerifyCode.WRONG_ACCOUNT);
    assertThat(verifier().verify(token, needs(account, Set.of(), null, "192.168.1.1")).code())
        .isEqualTo(VerifyCode.IP_NOT_ALLOWED);
    assertThat(
            verifier().verify(token, needs(account, Set.of(Scope.Secret), null, "10.1.2.3")).code())
        .isEqualTo(VerifyCode.INSUFFICIENT_SCOPE);
    // The limit is two a minute: the first valid use above counted, this is the second.
    assertThat(verifier().verify(token, needs(account, Set.of(), null, "10.1.2.3")).code())
        .isEqualTo(VerifyCode.VALID);
    assertThat(verifier().verify(token, needs(account, Set.of(), null, "10.1.2.3")).code())
        .isEqualTo(VerifyCode.RATE_LIMITED);
    fixture.clock.advance(Duration.ofMinutes(1));
    assertThat(verifier().verify(token, needs(account, Set.of(), null, "10.1.2.3")).code())
        .isEqualTo(VerifyCode.VALID);
    assertThat(
            verifier()
                .verify(new KeyToken(key.key().accessId(), "wrong"), Requirements.any())
                .code())
        .isEqualTo(VerifyCode.NOT_FOUND);
    assertThat(verifier().verify(null, Requirements.any()).code()).isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void verify_disabledKey_isDisabled_untilEnabledAgain() {
    CreatedKey key = create(NewKey.of("k", EnumSet.of(Scope.Tasks)));
    fixture.keywarden.keys().setEnabledOwn(fixture.session(alice), "k", false);
    assertThat(verifier().verify(token(key), Requirements.any()).code())
        .isEqualTo(VerifyCode.DISABLED);
    fixture.keywarden.keys().setEnabledOwn(fixture.session(alice), "k", true);
    assertThat(verifier().verify(token(key), Requirements.any()).code())
        .isEqualTo(VerifyCode.VALID);
  }

  @Test
  void verifyIfCached_missesUntilLoaded_thenServesFromMemory() {
    CreatedKey key = create(NewKey.of("k", EnumSet.of(Scope.Tasks)));
    assertThat(verifier().verifyIfCached(token(key), Requirements.any())).isNull();
    assertThat(verifier().verify(token(key), Requirements.any()).valid()).isTrue();
    assertThat(verifier().verifyIfCached(token(key), Requirements.any()).valid()).isTrue();

    KeyToken unknown = new KeyToken("unknownaccessid0", "x");
    assertThat(verifier().verify(unknown, Requirements.any()).code())
        .isEqualTo(VerifyCode.NOT_FOUND);
    assertThat(verifier().verifyIfCached(unknown, Requirements.any()).code())
        .isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void lastUse_isWrittenBehind_withTimeAndAddress() {
    CreatedKey key = create(NewKey.of("k", EnumSet.of(Scope.Tasks)));
    verifier().verify(token(key), needs(null, Set.of(), null, "10.9.8.7"));
    assertThat(fixture.keywarden.keys().listOwn(fixture.session(alice)).get(0).lastUsedAt())
        .isNull();

    fixture.keywarden.flushLastUse();

    ApiKey listed = fixture.keywarden.keys().listOwn(fixture.session(alice)).get(0);
    assertThat(listed.lastUsedAt()).isEqualTo(fixture.clock.instant());
    assertThat(listed.lastUsedIp()).isEqualTo("10.9.8.7");
  }

  @Test
  void deleteOnOneNode_stopsVerificationOnAnother_withinOneSecond() throws Exception {
    CreatedKey key = create(NewKey.of("k", EnumSet.of(Scope.Tasks)));
    try (Keywarden other = Keywarden.open(config).start()) {
      assertThat(other.verifier().verify(token(key), Requirements.any()).valid()).isTrue();
      assertThat(other.verifier().verifyIfCached(token(key), Requirements.any()).valid()).isTrue();

      fixture.keywarden.keys().deleteOwn(fixture.session(alice), "k");
      long start = System.nanoTime();
      Duration elapsed;
      while (true) {
        VerifyResult cached = other.verifier().verifyIfCached(token(key), Requirements.any());
        elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (cached == null || !cached.valid()) {
          break;
        }
        assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
        Thread.sleep(5);
      }
      assertThat(other.verifier().verify(token(key), Requirements.any()).code())
          .isEqualTo(VerifyCode.NOT_FOUND);
      System.out.println(
          "Deletion reached the other node's cache in " + elapsed.toMillis() + " ms");
    }
  }

  @Test
  void createdOnOneNode_afterUnknownLookupOnAnother_becomesValidThere() throws Exception {
    try (Keywarden other = Keywarden.open(config).start()) {
      CreatedKey key = create(NewKey.of("k", EnumSet.of(Scope.Tasks)));
      // The other node may have cached the id as unknown before the key existed; the change log
      // must clear that entry.
      long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
      while (!other.verifier().verify(token(key), Requirements.any()).valid()) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(5);
      }
    }
  }
}
