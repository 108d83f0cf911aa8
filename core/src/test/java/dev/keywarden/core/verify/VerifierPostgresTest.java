package dev.keywarden.core.verify;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;

class VerifierPostgresTest extends VerifierContract {
  @Override
  StoreConfig store() {
    return TestDatabases.postgres();
  }
}
