package dev.keywarden.server;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;

class KeyApiPostgresTest extends KeyApiContract {
  @Override
  StoreConfig store() {
    return TestDatabases.postgres();
  }
}
