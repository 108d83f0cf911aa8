package dev.keywarden.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {
  @Test
  void seal_thenOpen_givesTheSecret_andCiphertextHidesIt() {
    SecretBox box = new SecretBox(MasterKey.generate());
    String sealed = box.seal("the-secret-value", "access1");

    assertThat(sealed).doesNotContain("the-secret-value");
    assertThat(box.open(sealed, "access1")).isEqualTo("the-secret-value");
    assertThat(box.seal("the-secret-value", "access1")).isNotEqualTo(sealed);
  }

  @Test
  void open_withOtherAccessIdOrMasterKey_fails() {
    SecretBox box = new SecretBox(MasterKey.generate());
    String sealed = box.seal("the-secret-value", "access1");

    assertThatThrownBy(() -> box.open(sealed, "access2")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new SecretBox(MasterKey.generate()).open(sealed, "access1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void masterKey_inDataFolder_isCreatedOwnerOnly_andReusedAfterwards(@TempDir Path dir)
      throws Exception {
    MasterKey first = MasterKey.inDataFolder(dir);
    MasterKey second = MasterKey.inDataFolder(dir);

    assertThat(second).isEqualTo(first);
    assertThat(first.toString()).doesNotContain(Files.readString(dir.resolve("master.key")).trim());
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("master.key"))))
        .isEqualTo("rw-------");
  }

  @Test
  void masterKey_fromBase64_rejectsWrongLength() {
    assertThatThrownBy(() -> MasterKey.fromBase64("c2hvcnQ="))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("c2hvcnQ=");
  }
}
