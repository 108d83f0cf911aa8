package dev.keywarden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicenseFileLocatorTest {
  @TempDir Path temp;

  private static final String FILE =
      """
      # Keywarden license file
      CLOUDACCESSID=%s
      CLOUDKEY=secret-%s
      LICENSEID=42
      CLOUDPOOL=42-default
      CLOUDHOST=acme.localhost:8080
      """;

  private Path write(Path dir, String id) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve("keywarden.lic"), FILE.formatted(id, id));
  }

  private LicenseFileLocator locator(Map<String, String> env, Path home) {
    return new LicenseFileLocator(env::get, home, "Linux");
  }

  @Test
  void locate_environmentVariable_overridesHomeDirectory() throws IOException {
    Path home = temp.resolve("home");
    write(home, "home");
    Path override = write(temp.resolve("elsewhere"), "override");

    LicenseFile found =
        locator(Map.of("KEYWARDEN_LICENSE_FILE", override.toString()), home).find().orElseThrow();

    assertThat(found.accessId()).contains("override");
    assertThat(found.source()).contains(override);
  }

  @Test
  void locate_environmentVariableNamingAFolder_readsTheFileInIt() throws IOException {
    Path dir = temp.resolve("folder");
    write(dir, "folder");

    LicenseFileLocator locator = locator(Map.of("KEYWARDEN_LICENSE_FILE", dir.toString()), null);

    assertThat(locator.find().orElseThrow().accessId()).contains("folder");
  }

  @Test
  void locate_environmentVariableNamingMissingFile_failsInsteadOfFallingBack() throws IOException {
    Path home = temp.resolve("home");
    write(home, "home");
    LicenseFileLocator locator =
        locator(Map.of("KEYWARDEN_LICENSE_FILE", temp.resolve("typo.lic").toString()), home);

    assertThatThrownBy(locator::locate)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("KEYWARDEN_LICENSE_FILE");
  }

  @Test
  void locate_noVariable_usesHomeDirectory() throws IOException {
    Path home = temp.resolve("home");
    write(home, "home");

    assertThat(locator(Map.of(), home).find().orElseThrow().accessId()).contains("home");
  }

  @Test
  void locate_nothingAnywhere_isEmpty() {
    LicenseFileLocator locator = locator(Map.of(), temp.resolve("empty-home"));

    assertThat(locator.candidates())
        .containsExactly(
            temp.resolve("empty-home").resolve("keywarden.lic"),
            Path.of("/opt/keywarden/keywarden.lic"));
    if (!Files.exists(Path.of("/opt/keywarden/keywarden.lic"))) {
      assertThat(locator.locate()).isEmpty();
    }
  }

  @Test
  void candidates_sharedLocation_dependsOnTheOperatingSystem() {
    assertThat(new LicenseFileLocator(name -> null, null, "Windows 11").candidates())
        .containsExactly(Path.of("C:\\keywarden\\").resolve("keywarden.lic"));
    assertThat(new LicenseFileLocator(name -> null, null, "Mac OS X").candidates())
        .containsExactly(Path.of("/Library/keywarden/keywarden.lic"));
    assertThat(new LicenseFileLocator(name -> null, null, "Linux").candidates())
        .containsExactly(Path.of("/opt/keywarden/keywarden.lic"));
  }

  @Test
  void parse_readsPropertiesCommentsAndTheAlternativeSecretName() {
    LicenseFile file =
        LicenseFile.parse(
            """
            # comment = not a property
            CLOUDACCESSID = abc123

            CLOUDSECRETKEY=s3cret
            licenseid=7
            CLOUDPOOL=7-default
            CLOUDHOST=https://keys.example.com
            """);

    assertThat(file.accessId()).contains("abc123");
    assertThat(file.licenseId()).hasValue(7);
    assertThat(file.pool()).contains("7-default");
    assertThat(file.serverUrl().orElseThrow().toString()).isEqualTo("https://keys.example.com");
    assertThat(file.credential().accessId()).isEqualTo("abc123");
    assertThat(file.credential().secret()).isEqualTo("s3cret");
    assertThat(file.toString()).doesNotContain("s3cret");
    assertThat(file.credential().toString()).doesNotContain("s3cret");
  }

  @Test
  void parse_cloudKeyWinsOverCloudSecretKey_andHostWithoutSchemeGetsOne() {
    LicenseFile file =
        LicenseFile.parse("CLOUDACCESSID=a\nCLOUDKEY=one\nCLOUDSECRETKEY=two\nCLOUDHOST=x.io\n");

    assertThat(file.credential().secret()).isEqualTo("one");
    assertThat(file.serverUrl().orElseThrow().toString()).isEqualTo("https://x.io");
    assertThat(LicenseFile.toUrl("acme.localhost:8080").toString())
        .isEqualTo("http://acme.localhost:8080");
  }

  @Test
  void credential_missingSecret_isRefused() {
    assertThatThrownBy(() -> LicenseFile.parse("CLOUDACCESSID=a\n").credential())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CLOUDKEY");
  }
}
