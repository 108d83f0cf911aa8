package dev.keywarden.server;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;

class KeyApiH2Test extends KeyApiContract {
  @Override
  StoreConfig store() {
    return TestDatabases.h2();
  }
}
