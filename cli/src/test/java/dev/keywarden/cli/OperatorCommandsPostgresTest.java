package dev.keywarden.cli;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

class OperatorCommandsPostgresTest extends OperatorCommandsContract {
  private StoreConfig config;
  private Path masterKeyFile;

  @BeforeEach
  void database() throws IOException {
    config = TestDatabases.postgres();
    masterKeyFile = temp.resolve("master.key");
    Files.writeString(masterKeyFile, TestDatabases.masterKeyBase64(config));
  }

  @Override
  List<String> storeArgs() {
    return List.of(
        "--db-url",
        config.jdbcUrl(),
        "--db-user",
        config.dbUser(),
        "--master-key-file",
        masterKeyFile.toString());
  }

  @Override
  StoreConfig storeConfig() {
    return config;
  }
}
