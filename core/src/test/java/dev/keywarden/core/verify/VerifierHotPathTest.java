package dev.keywarden.core.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import dev.keywarden.verification.VerifyCode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-memory path's shortcuts keep their promises: millisecond time gives the same answers as
 * instants, last use is noted once per resolution, and old entries are reloaded.
 */
class VerifierHotPathTest {
  private Fixture fixture;
  private User alice;

  @BeforeEach
  void setUp() {
    fixture = Fixture.create(TestDatabases.h2());
    alice = fixture.user("alice", Role.member);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Verifier verifier() {
    return fixture.keywarden.verifier();
  }

  private CreatedKey create(NewKey request) {
    return fixture.keywarden.keys().createOwn(fixture.session(alice), request);
  }

  private static Requirements from(String ip) {
    return new Requirements(null, Set.of(), null, null, ip);
  }

  @Test
  void verify_aMillisecondBeforeExpiry_isValid_atExpiry_isExpired() {
    Instant expiry = fixture.clock.instant().plus(Duration.ofHours(1));
    KeyToken token =
        TokenFormat.parse(
            create(NewKey.of("k", EnumSet.of(Scope.Tasks)).withExpiresAt(expiry)).token());
    fixture.clock.advance(Duration.ofHours(1).minusMillis(1));
    assertThat(verifier().verify(token, from(null)).code()).isEqualTo(VerifyCode.VALID);

    fixture.clock.advance(Duration.ofMillis(1));

    assertThat(verifier().verifyIfCached(token, from(null)).code()).isEqualTo(VerifyCode.EXPIRED);
  }

  @Test
  void verify_previousSecret_worksDuringGrace_andNotAfter() {
    CreatedKey original = create(NewKey.of("k", EnumSet.of(Scope.Tasks)));
    CreatedKey regenerated =
        fixture.keywarden.keys().regenerateOwn(fixture.session(alice), "k", Duration.ofMinutes(5));
    KeyToken old = TokenFormat.parse(original.token());
    assertThat(verifier().verify(old, from(null)).code()).isEqualTo(VerifyCode.VALID);
    assertThat(verifier().verify(TokenFormat.parse(regenerated.token()), from(null)).valid())
        .isTrue();

    fixture.clock.advance(Duration.ofMinutes(5));

    assertThat(verifier().verifyIfCached(old, from(null)).code()).isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void lastUse_ofABusyKey_isNotedOncePerResolution_fromWhateverAddress() {
    KeyToken token = TokenFormat.parse(create(NewKey.of("k", EnumSet.of(Scope.Tasks))).token());
    for (int i = 0; i < 5; i++) {
      verifier().verify(token, from("10.0.0.1"));
    }
    assertThat(fixture.keywarden.flushLastUse()).isEqualTo(1);

    fixture.clock.advance(Verifier.LAST_USE_RESOLUTION.minusMillis(1));
    verifier().verifyIfCached(token, from("10.0.0.1"));
    assertThat(fixture.keywarden.flushLastUse()).isZero();

    verifier().verifyIfCached(token, from("10.0.0.2"));
    assertThat(fixture.keywarden.flushLastUse()).isZero();

    fixture.clock.advance(Duration.ofMillis(1));
    verifier().verifyIfCached(token, from("10.0.0.2"));
    assertThat(fixture.keywarden.flushLastUse()).isEqualTo(1);
    var listed = fixture.keywarden.keys().listOwn(fixture.session(alice)).get(0);
    assertThat(listed.lastUsedAt()).isEqualTo(fixture.clock.instant());
    assertThat(listed.lastUsedIp()).isEqualTo("10.0.0.2");
  }

  @Test
  void entries_olderThanTheMaximumAge_areReloaded() {
    KeyToken token = TokenFormat.parse(create(NewKey.of("k", EnumSet.of(Scope.Tasks))).token());
    KeyToken unknown = new KeyToken("unknownaccessid0", "secret");
    verifier().verify(token, from(null));
    verifier().verify(unknown, from(null));

    fixture.clock.advance(Verifier.MAXIMUM_AGE);

    assertThat(verifier().verifyIfCached(token, from(null))).isNull();
    assertThat(verifier().verifyIfCached(unknown, from(null))).isNull();
    assertThat(verifier().verify(token, from(null)).code()).isEqualTo(VerifyCode.VALID);
    assertThat(verifier().verifyIfCached(token, from(null)).code()).isEqualTo(VerifyCode.VALID);
    assertThat(verifier().verify(unknown, from(null)).code()).isEqualTo(VerifyCode.NOT_FOUND);
  }
}
