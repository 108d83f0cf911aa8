package dev.keywarden.core.key;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;

class KeyServicePostgresTest extends KeyServiceContract {
  @Override
  StoreConfig store() {
    return TestDatabases.postgres();
  }
}
