package dev.keywarden.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.keywarden.core.account.AccountService;
import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.key.SecretHash;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.verification.KeyToken;
import dev.keywarden.verification.Requirements;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** No secret reaches the database files, the logs or the audit trail in plain text. */
class SecretsAtRestTest {

  @Test
  void secrets_neverInDatabaseFilesLogsOrAudit(@TempDir Path dataDir) throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    root.addAppender(logs);
    List<String> secrets = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    String adminPassword = "a password nobody should ever see";
    try (Keywarden keywarden = Keywarden.open(StoreConfig.embedded(dataDir)).start()) {
      AccountService.Created account = keywarden.accounts().create("acme", "admin", adminPassword);
      Caller operator = Caller.operator(account.account().id(), "acme");
      LicenseService.Created license = keywarden.licenses().create(operator, "Production");
      CreatedKey userKey =
          keywarden
              .keys()
              .createForUser(operator, "admin", NewKey.of("ci", EnumSet.of(Scope.Tasks)));
      CreatedKey regenerated =
          keywarden
              .keys()
              .regenerateForLicense(
                  operator, license.license().id(), "default", Duration.ofMinutes(5));
      for (CreatedKey key : List.of(license.defaultKey(), userKey, regenerated)) {
        secrets.add(key.secret());
        secrets.add(key.token());
        digests.add(SecretHash.hex(key.secret()));
        keywarden.verifier().verify(TokenFormat.parse(key.token()), Requirements.any());
      }
      keywarden
          .verifier()
          .verify(new KeyToken(userKey.key().accessId(), "wrong"), Requirements.any());
      keywarden.users().login(account.account().id(), "admin", "wrong password!", "127.0.0.1");
    } catch (KeywardenException expectedLoginFailure) {
      assertThat(expectedLoginFailure.code()).isEqualTo(ErrorCode.LOGIN_FAILED);
    } finally {
      root.detachAppender(logs);
    }
    secrets.add(adminPassword);

    String files = readAll(dataDir);
    for (String secret : secrets) {
      assertThat(files).doesNotContain(secret);
    }
    // The scan sees stored text: the digests of current secrets are there.
    assertThat(files).contains(digests.get(1));
    String logText =
        logs.list.stream().map(ILoggingEvent::getFormattedMessage).reduce("", String::concat);
    for (String secret : secrets) {
      assertThat(logText).doesNotContain(secret);
    }
  }

  private static String readAll(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.getFileName().toString().equals("master.key")) {
          text.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return text.toString();
  }
}
