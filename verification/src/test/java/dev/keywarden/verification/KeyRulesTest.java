package dev.keywarden.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyRulesTest {
  private static final long NOW = Instant.parse("2026-06-01T12:00:00Z").toEpochMilli();
  private static final String SECRET = "s3cretS3cretS3cretS3cretS3cret";
  private static final String OLD_SECRET = "oldSecretOldSecretOldSecretOld";

  private static KeyRules key(boolean enabled, Integer rateLimit, List<IpRange> allowedIps) {
    return new KeyRules(
        "AccessIdAccessId",
        7,
        SecretDigest.of(SECRET).clone(),
        SecretDigest.of(OLD_SECRET).clone(),
        Instant.ofEpochMilli(NOW + 1_000),
        Instant.ofEpochMilli(NOW + 3_600_000),
        enabled,
        ApiVersion.v2,
        allowedIps,
        Set.of(Scope.Tasks, Scope.Session),
        Binding.license(100001),
        rateLimit);
  }

  private static KeyRules key() {
    return key(true, null, List.of());
  }

  private static Requirements needs(Long account, Set<Scope> scopes, Long license, String ip) {
    return new Requirements(account, scopes, license, ApiVersion.v2, ip);
  }

  private static VerifyCode check(KeyRules key, String secret, Requirements needs, long now) {
    return key.check(secret, needs, now, new FixedWindowRateLimit());
  }

  @Test
  void check_everyRequirementMet_isValid() {
    assertThat(check(key(), SECRET, needs(7L, Set.of(Scope.Tasks), 100001L, "10.0.0.1"), NOW))
        .isEqualTo(VerifyCode.VALID);
  }

  @Test
  void check_wrongSecret_isNotFound_beforeAnyOtherCheck() {
    KeyRules disabled = key(false, null, List.of());
    assertThat(check(disabled, "x" + SECRET.substring(1), needs(8L, Set.of(), null, null), NOW))
        .isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void check_previousSecret_worksUntilGraceEnds() {
    Requirements any = needs(null, Set.of(), null, null);
    assertThat(check(key(), OLD_SECRET, any, NOW + 999)).isEqualTo(VerifyCode.VALID);
    assertThat(check(key(), OLD_SECRET, any, NOW + 1_000)).isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void check_failures_comeInTheDocumentedOrder() {
    KeyRules disabledAndLimited = key(false, 1, List.of(IpRange.parse("192.168.0.0/16")));
    Requirements everythingWrong = needs(8L, Set.of(Scope.Account), 100002L, "10.0.0.1");
    assertThat(check(disabledAndLimited, SECRET, everythingWrong, NOW))
        .isEqualTo(VerifyCode.WRONG_ACCOUNT);
    Requirements rightAccount = needs(7L, Set.of(Scope.Account), 100002L, "10.0.0.1");
    assertThat(check(disabledAndLimited, SECRET, rightAccount, NOW + 3_600_000))
        .isEqualTo(VerifyCode.EXPIRED);
    assertThat(check(disabledAndLimited, SECRET, rightAccount, NOW)).isEqualTo(VerifyCode.DISABLED);
    KeyRules limited = key(true, 1, List.of(IpRange.parse("192.168.0.0/16")));
    assertThat(
            limited.check(
                SECRET,
                new Requirements(7L, Set.of(), null, ApiVersion.v1, "192.168.1.1"),
                NOW,
                new FixedWindowRateLimit()))
        .isEqualTo(VerifyCode.WRONG_API_VERSION);
    assertThat(check(limited, SECRET, rightAccount, NOW)).isEqualTo(VerifyCode.IP_NOT_ALLOWED);
    assertThat(
            check(limited, SECRET, needs(7L, Set.of(Scope.Account), 100002L, "192.168.1.1"), NOW))
        .isEqualTo(VerifyCode.INSUFFICIENT_SCOPE);
    assertThat(check(limited, SECRET, needs(7L, Set.of(Scope.Tasks), 100002L, "192.168.1.1"), NOW))
        .isEqualTo(VerifyCode.WRONG_LICENSE);
  }

  @Test
  void check_rateLimit_countsOnlyUsesThatPassedEveryOtherCheck() {
    KeyRules limited = key(true, 2, List.of());
    RateLimit limit = new FixedWindowRateLimit();
    Requirements wrongScope = needs(7L, Set.of(Scope.Account), null, null);
    Requirements fine = needs(7L, Set.of(Scope.Tasks), null, null);
    for (int i = 0; i < 5; i++) {
      assertThat(limited.check(SECRET, wrongScope, NOW, limit))
          .isEqualTo(VerifyCode.INSUFFICIENT_SCOPE);
    }
    assertThat(limited.check(SECRET, fine, NOW, limit)).isEqualTo(VerifyCode.VALID);
    assertThat(limited.check(SECRET, fine, NOW, limit)).isEqualTo(VerifyCode.VALID);
    assertThat(limited.check(SECRET, fine, NOW, limit)).isEqualTo(VerifyCode.RATE_LIMITED);
    assertThat(limited.check(SECRET, fine, NOW + 60_000 - NOW % 60_000, limit))
        .isEqualTo(VerifyCode.VALID);
  }

  @Test
  void check_expiryWithNanoseconds_comparesAsTheInstant() {
    KeyRules key =
        new KeyRules(
            "AccessIdAccessId",
            7,
            SecretDigest.of(SECRET).clone(),
            null,
            null,
            Instant.ofEpochMilli(NOW).plusNanos(1),
            true,
            ApiVersion.v2,
            List.of(),
            Set.of(Scope.Tasks),
            Binding.ACCOUNT,
            null);
    Requirements any = needs(null, Set.of(), null, null);
    assertThat(check(key, SECRET, any, NOW)).isEqualTo(VerifyCode.VALID);
    assertThat(check(key, SECRET, any, NOW + 1)).isEqualTo(VerifyCode.EXPIRED);
  }
}
