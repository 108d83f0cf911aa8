package dev.keywarden.cli;

import dev.keywarden.core.StoreConfig;
import java.util.List;

class OperatorCommandsEmbeddedTest extends OperatorCommandsContract {
  @Override
  List<String> storeArgs() {
    return List.of("--data", temp.resolve("data").toString());
  }

  @Override
  StoreConfig storeConfig() {
    return StoreConfig.embedded(temp.resolve("data"));
  }
}
