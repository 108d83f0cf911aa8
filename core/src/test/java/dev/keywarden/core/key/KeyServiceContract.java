package dev.keywarden.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.account.AccountPolicy;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Binding;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import dev.keywarden.verification.VerifyCode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules of SPEC.md §1 and §3, run against each database by a subclass. */
abstract class KeyServiceContract {
  Fixture fixture;
  User alice;

  abstract StoreConfig store();

  @BeforeEach
  void setUp() {
    fixture = Fixture.create(store());
    alice = fixture.user("alice", Role.member);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  KeyService keys() {
    return fixture.keywarden.keys();
  }

  Caller aliceSession() {
    return fixture.session(alice);
  }

  VerifyCode verify(String token) {
    return fixture.keywarden.verifier().verify(TokenFormat.parse(token), Requirements.any()).code();
  }

  @Test
  void create_returnsTokenOnce_andListNeverShowsSecret() {
    CreatedKey created = keys().createOwn(aliceSession(), NewKey.of("ci", Set.of(Scope.Tasks)));

    assertThat(TokenFormat.parse(created.token())).isNotNull();
    assertThat(created.key().apiVersion()).isEqualTo(ApiVersion.v2);
    assertThat(created.key().binding()).isEqualTo(Binding.ACCOUNT);
    List<ApiKey> listed = keys().listOwn(aliceSession());
    assertThat(listed).extracting(ApiKey::name).containsExactly("ci");
    assertThat(listed.toString()).doesNotContain(created.secret());
    assertThat(verify(created.token())).isEqualTo(VerifyCode.VALID);
  }

  @Test
  void create_defaultExpiry_isOneYear_andLaterIsRefused() {
    Instant now = fixture.clock.instant();
    CreatedKey created = keys().createOwn(aliceSession(), NewKey.of("a", Set.of(Scope.Tasks)));
    Instant oneYear = now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant();
    assertThat(created.key().expiresAt()).isEqualTo(oneYear);

    assertInvalid(
        () ->
            keys()
                .createOwn(
                    aliceSession(),
                    NewKey.of("b", Set.of(Scope.Tasks)).withExpiresAt(oneYear.plusSeconds(1))),
        ErrorCode.INVALID_EXPIRATION,
        "expiration_date");
    assertInvalid(
        () ->
            keys()
                .createOwn(aliceSession(), NewKey.of("c", Set.of(Scope.Tasks)).withExpiresAt(now)),
        ErrorCode.INVALID_EXPIRATION,
        "expiration_date");
    assertThat(keys().listOwn(aliceSession())).hasSize(1);
  }

  @Test
  void create_policyLowersMaximumAndLimitsScopes() {
    fixture
        .keywarden
        .accounts()
        .updatePolicy(fixture.operator(), new AccountPolicy(30, EnumSet.of(Scope.Tasks)));
    CreatedKey created = keys().createOwn(aliceSession(), NewKey.of("a", Set.of(Scope.Tasks)));
    assertThat(created.key().expiresAt())
        .isEqualTo(fixture.clock.instant().plus(Duration.ofDays(30)));
    assertInvalid(
        () -> keys().createOwn(aliceSession(), NewKey.of("b", Set.of(Scope.Secret))),
        ErrorCode.INVALID_SCOPES,
        "scopes");
  }

  @Test
  void create_badInput_isRefusedWithField_andChangesNothing() {
    assertInvalid(
        () -> keys().createOwn(aliceSession(), NewKey.of(" ", Set.of(Scope.Tasks))),
        ErrorCode.INVALID_NAME,
        "name");
    assertInvalid(
        () -> keys().createOwn(aliceSession(), NewKey.of("x", Set.of())),
        ErrorCode.INVALID_SCOPES,
        "scopes");
    assertInvalid(
        () -> keys().createOwn(aliceSession(), NewKey.of("x/y", Set.of(Scope.Tasks))),
        ErrorCode.INVALID_NAME,
        "name");
    assertThat(keys().listOwn(aliceSession())).isEmpty();
  }

  @Test
  void create_duplicateNameForSameOwner_conflicts_butOtherOwnerMayReuseIt() {
    keys().createOwn(aliceSession(), NewKey.of("ci", Set.of(Scope.Tasks)));
    assertThatThrownBy(() -> keys().createOwn(aliceSession(), NewKey.of("ci", Set.of(Scope.Tasks))))
        .isInstanceOfSatisfying(
            KeywardenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_NAME));
    User bob = fixture.user("bob", Role.member);
    assertThat(keys().createOwn(fixture.session(bob), NewKey.of("ci", Set.of(Scope.Tasks))))
        .isNotNull();
  }

  @Test
  void create_concurrentSameName_exactlyOneWins() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<Boolean> attempt =
            () -> {
              try {
                keys().createOwn(aliceSession(), NewKey.of("race", Set.of(Scope.Tasks)));
                return true;
              } catch (KeywardenException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_NAME);
                return false;
              }
            };
        results.add(pool.submit(attempt));
      }
      int wins = 0;
      for (Future<Boolean> result : results) {
        wins += result.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      assertThat(keys().listOwn(aliceSession())).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void delete_stopsVerificationAtOnce() {
    CreatedKey created = keys().createOwn(aliceSession(), NewKey.of("ci", Set.of(Scope.Tasks)));
    assertThat(verify(created.token())).isEqualTo(VerifyCode.VALID);

    keys().deleteOwn(aliceSession(), "ci");

    assertThat(verify(created.token())).isEqualTo(VerifyCode.NOT_FOUND);
    assertThat(keys().listOwn(aliceSession())).isEmpty();
  }

  @Test
  void regenerate_keepsAccessId_oldSecretStopsAtOnce() {
    CreatedKey created = keys().createOwn(aliceSession(), NewKey.of("ci", Set.of(Scope.Tasks)));
    CreatedKey renewed = keys().regenerateOwn(aliceSession(), "ci", Duration.ZERO);

    assertThat(renewed.key().accessId()).isEqualTo(created.key().accessId());
    assertThat(renewed.token()).isNotEqualTo(created.token());
    assertThat(verify(created.token())).isEqualTo(VerifyCode.NOT_FOUND);
    assertThat(verify(renewed.token())).isEqualTo(VerifyCode.VALID);
  }

  @Test
  void regenerate_withGracePeriod_oldSecretWorksUntilItEnds() {
    CreatedKey created = keys().createOwn(aliceSession(), NewKey.of("ci", Set.of(Scope.Tasks)));
    CreatedKey renewed = keys().regenerateOwn(aliceSession(), "ci", Duration.ofMinutes(10));

    assertThat(verify(created.token())).isEqualTo(VerifyCode.VALID);
    assertThat(verify(renewed.token())).isEqualTo(VerifyCode.VALID);
    fixture.clock.advance(Duration.ofMinutes(11));
    assertThat(verify(created.token())).isEqualTo(VerifyCode.NOT_FOUND);
    assertThat(verify(renewed.token())).isEqualTo(VerifyCode.VALID);
  }

  @Test
  void verify_expiredKey_isExpired() {
    CreatedKey created =
        keys()
            .createOwn(
                aliceSession(),
                NewKey.of("ci", Set.of(Scope.Tasks))
                    .withExpiresAt(fixture.clock.instant().plus(Duration.ofDays(1))));
    fixture.clock.advance(Duration.ofDays(2));
    assertThat(verify(created.token())).isEqualTo(VerifyCode.EXPIRED);
  }

  @Test
  void license_createsRecoverableDefaultKey_thatCannotBeDeleted() {
    LicenseService.Created license = fixture.license("Production");

    assertThat(license.defaultKey().key().isDefault()).isTrue();
    assertThat(license.defaultKey().key().scopes())
        .containsExactlyInAnyOrder(Scope.Tasks, Scope.Session);
    assertThat(license.defaultKey().key().binding())
        .isEqualTo(Binding.license(license.license().id()));
    assertThatThrownBy(
            () -> keys().deleteForLicense(fixture.operator(), license.license().id(), "default"))
        .isInstanceOfSatisfying(
            KeywardenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DEFAULT_KEY_UNDELETABLE));
    String file =
        fixture
            .keywarden
            .licenses()
            .licenseFile(fixture.operator(), license.license().id(), "acme.example");
    assertThat(file)
        .contains("CLOUDACCESSID=" + license.defaultKey().key().accessId())
        .contains("CLOUDKEY=" + license.defaultKey().secret())
        .contains("LICENSEID=" + license.license().id())
        .contains("CLOUDPOOL=" + license.license().id() + "-default")
        .contains("CLOUDHOST=acme.example");
  }

  @Test
  void licenseKey_reachesOnlyItsLicense() {
    long one = fixture.license("one").license().id();
    long two = fixture.license("two").license().id();
    CreatedKey key =
        keys().createForLicense(fixture.operator(), one, NewKey.of("worker", Set.of(Scope.Tasks)));
    var verifier = fixture.keywarden.verifier();
    var token = TokenFormat.parse(key.token());
    assertThat(verifier.verify(token, new Requirements(null, Set.of(), one, null, null)).code())
        .isEqualTo(VerifyCode.VALID);
    assertThat(verifier.verify(token, new Requirements(null, Set.of(), two, null, null)).code())
        .isEqualTo(VerifyCode.WRONG_LICENSE);
  }

  @Test
  void otherAccount_seesNothing() {
    keys().createOwn(aliceSession(), NewKey.of("ci", Set.of(Scope.Tasks)));
    long licenseId = fixture.license("one").license().id();
    var other = fixture.otherAccount("globex");
    Caller otherOperator = Caller.operator(other.id(), other.name());

    assertThat(keys().listAccount(otherOperator)).isEmpty();
    assertThatThrownBy(() -> keys().listForLicense(otherOperator, licenseId))
        .isInstanceOfSatisfying(
            KeywardenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.LICENSE_NOT_FOUND));
  }

  @Test
  void legacyKey_worksOnlyOnLegacyApi() {
    ApiKey legacy =
        keys()
            .importLegacy(
                fixture.operator(),
                "alice",
                "old",
                "LEGACYACCESSID123",
                "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA",
                NewKey.of("old", Set.of(Scope.Tasks)));
    assertThat(legacy.apiVersion()).isEqualTo(ApiVersion.v1);
    KeyToken token =
        new KeyToken("LEGACYACCESSID123", "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA");
    var verifier = fixture.keywarden.verifier();
    assertThat(verifier.verify(token, Requirements.any()).code())
        .isEqualTo(VerifyCode.WRONG_API_VERSION);
    assertThat(
            verifier
                .verify(token, new Requirements(null, Set.of(), null, ApiVersion.v1, null))
                .code())
        .isEqualTo(VerifyCode.VALID);
  }

  static void assertInvalid(Runnable action, ErrorCode code, String field) {
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(
            KeywardenException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.field()).isEqualTo(field);
            });
  }
}
