package dev.keywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorCommandsEmbeddedTest extends OperatorCommandsContract {
  @Override
  List<String> storeArgs() {
    return List.of("--data", temp.resolve("data").toString());
  }

  @Override
  StoreConfig storeConfig() {
    return StoreConfig.embedded(temp.resolve("data"));
  }

  @Test
  void readCommands_onAMissingFolder_sayThereIsNoStore_andCreateNothing() {
    Path missing = temp.resolve("no-such-store");
    for (String[] command :
        List.of(
            new String[] {"keys", "list"},
            new String[] {"licenses", "list"},
            new String[] {"users", "list"},
            new String[] {"accounts", "list"})) {
      List<String> args = new java.util.ArrayList<>(List.of(command));
      args.addAll(List.of("--data", missing.toString()));
      Result result = runExactly(args.toArray(String[]::new));
      assertFails(result, 6, "There is no Keywarden store in " + missing);
    }
    assertThat(Files.exists(missing)).isFalse();
  }
}
