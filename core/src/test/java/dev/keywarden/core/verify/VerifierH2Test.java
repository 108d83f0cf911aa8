package dev.keywarden.core.verify;

import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.testing.TestDatabases;

class VerifierH2Test extends VerifierContract {
  @Override
  StoreConfig store() {
    return TestDatabases.h2();
  }
}
