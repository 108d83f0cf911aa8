package dev.keywarden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LicenseClientTest {
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
  void createLicense_thenListAndGetIt() {
    License created = admin.createLicense("Solver seats");

    assertThat(created.defaultPool()).isEqualTo(created.id() + "-default");
    assertThat(admin.listLicenses()).extracting(License::id).contains(created.id());
    assertThat(admin.license(created.id()).name()).isEqualTo("Solver seats");
  }

  @Test
  void licenseFile_parsesBackIntoAWorkingCredential() {
    License license = admin.createLicense("With file");

    LicenseFile file = LicenseFile.parse(admin.licenseFile(license.id()));

    assertThat(file.licenseId()).hasValue(license.id());
    assertThat(file.pool()).contains(license.id() + "-default");
    assertThat(file.host()).contains("127.0.0.1:" + server.server.port() + "/a/acme");
    try (KeywardenClient fromFile = KeywardenClient.builder().licenseFile(file).build()) {
      CurrentCaller caller = fromFile.currentCaller();
      assertThat(caller.binding()).isEqualTo("license:" + license.id());
      assertThat(caller.scopes()).containsExactlyInAnyOrder("Tasks", "Session");
    }
  }

  @Test
  void licenseKeys_createListRegenerateDelete_andTheDefaultKeyStays() {
    License license = admin.createLicense("Keys");

    CreatedKey created = admin.createLicenseKey(license.id(), NewKey.of("robot", "Tasks"));
    assertThat(admin.listLicenseKeys(license.id()))
        .extracting(ApiKey::name)
        .contains("robot", "default");
    CreatedKey regenerated =
        admin.regenerateLicenseKey(license.id(), "robot", Duration.ofSeconds(30));
    assertThat(regenerated.key().accessId()).isEqualTo(created.key().accessId());
    assertThat(admin.setLicenseKeyEnabled(license.id(), "robot", false).enabled()).isFalse();
    admin.deleteLicenseKey(license.id(), "robot");

    assertThatThrownBy(() -> admin.deleteLicenseKey(license.id(), "default"))
        .isInstanceOfSatisfying(
            KeywardenApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(KeywardenApiException.Kind.CONFLICT);
              assertThat(e.code()).isEqualTo("DEFAULT_KEY_UNDELETABLE");
            });
  }

  @Test
  void license_unknownId_isNotFound() {
    assertThatThrownBy(() -> admin.license(999_999))
        .isInstanceOfSatisfying(
            KeywardenApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void usersPolicyAudit_roundTrip() {
    User bob = admin.createUser("bob", "a long enough password 123", "member");

    assertThat(bob.role()).isEqualTo("member");
    assertThat(admin.listUsers()).extracting(User::username).contains("admin", "bob");
    assertThat(admin.currentCaller().user().username()).isEqualTo("admin");
    assertThat(admin.policy().allowedScopes()).hasSize(9);
    assertThat(admin.audit(10)).isNotEmpty();
    admin.deleteUser("bob");
  }
}
