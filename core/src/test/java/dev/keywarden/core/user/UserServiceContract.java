package dev.keywarden.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.audit.AuditEvent;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import dev.keywarden.verification.VerifyCode;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users, logins, roles and the audit trail, run against each database. */
abstract class UserServiceContract {
  Fixture fixture;

  abstract StoreConfig store();

  @BeforeEach
  void setUp() {
    fixture = Fixture.create(store());
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  UserService users() {
    return fixture.keywarden.users();
  }

  @Test
  void login_rightPassword_givesUser_wrongOneFails_thenThrottles() {
    long account = fixture.account.id();
    assertThat(users().login(account, "admin", Fixture.ADMIN_PASSWORD, "10.0.0.1").username())
        .isEqualTo("admin");
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> users().login(account, "admin", "wrong", "10.0.0.2"))
          .isInstanceOfSatisfying(
              KeywardenException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
    }
    assertThatThrownBy(() -> users().login(account, "admin", Fixture.ADMIN_PASSWORD, "10.0.0.3"))
        .isInstanceOfSatisfying(
            KeywardenException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED);
              assertThat(e.retryAfter()).isPositive();
            });
  }

  @Test
  void login_unknownUser_failsLikeWrongPassword() {
    assertThatThrownBy(() -> users().login(fixture.account.id(), "nobody", "x", "10.0.0.9"))
        .isInstanceOfSatisfying(
            KeywardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LOGIN_FAILED));
  }

  @Test
  void create_shortPasswordOrBadName_isRefused_andChangesNothing() {
    assertThatThrownBy(() -> users().create(fixture.operator(), "bob", "short", Role.member))
        .isInstanceOfSatisfying(
            KeywardenException.class, e -> assertThat(e.field()).isEqualTo("password"));
    assertThatThrownBy(
            () -> users().create(fixture.operator(), "<bob>", Fixture.ADMIN_PASSWORD, Role.member))
        .isInstanceOfSatisfying(
            KeywardenException.class, e -> assertThat(e.field()).isEqualTo("username"));
    assertThat(users().list(fixture.operator()))
        .extracting(User::username)
        .containsExactly("admin");
  }

  @Test
  void member_cannotManageUsers() {
    User bob = fixture.user("bob", Role.member);
    assertThatThrownBy(() -> users().list(fixture.session(bob)))
        .isInstanceOfSatisfying(
            KeywardenException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.ADMIN_REQUIRED));
  }

  @Test
  void delete_user_deletesItsKeys_andTheyStopWorking() {
    User bob = fixture.user("bob", Role.member);
    CreatedKey key = fixture.key(bob, "ci", Scope.Tasks);
    var verifier = fixture.keywarden.verifier();
    assertThat(verifier.verify(TokenFormat.parse(key.token()), Requirements.any()).valid())
        .isTrue();

    users().delete(fixture.operator(), "bob");

    assertThat(verifier.verify(TokenFormat.parse(key.token()), Requirements.any()).code())
        .isEqualTo(VerifyCode.NOT_FOUND);
  }

  @Test
  void delete_lastAdmin_isRefused() {
    assertThatThrownBy(() -> users().delete(fixture.operator(), "admin"))
        .isInstanceOfSatisfying(
            KeywardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LAST_ADMIN));
  }

  @Test
  void audit_recordsWhoDidWhat_withoutSecrets() {
    User bob = fixture.user("bob", Role.member);
    CreatedKey key =
        fixture
            .keywarden
            .keys()
            .createOwn(
                fixture.session(bob),
                dev.keywarden.core.key.NewKey.of("ci", EnumSet.of(Scope.Tasks)));
    fixture.keywarden.keys().deleteOwn(fixture.session(bob), "ci");

    Caller admin = fixture.session(fixture.admin);
    var events = fixture.keywarden.audit().recent(admin, 10);
    assertThat(events)
        .extracting(AuditEvent::action)
        .startsWith("key.delete", "key.create", "user.create");
    assertThat(events.get(0).actor()).isEqualTo("user:bob");
    assertThat(events.get(0).target()).contains(key.key().accessId());
    assertThat(events.toString()).doesNotContain(key.secret());
  }
}
