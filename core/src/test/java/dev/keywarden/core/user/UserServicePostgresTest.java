package dev.keywarden.core.user;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;

class UserServicePostgresTest extends UserServiceContract {
  @Override
  StoreConfig store() {
    return TestDatabases.postgres();
  }
}
