package dev.keywarden.core.user;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;

class UserServiceH2Test extends UserServiceContract {
  @Override
  StoreConfig store() {
    return TestDatabases.h2();
  }
}
