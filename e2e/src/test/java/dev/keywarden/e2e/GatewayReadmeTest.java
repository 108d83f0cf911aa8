package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's gateway section shows the recipe files as they are: every file in {@code
 * docs/gateways} is linked and followed by a code block equal to it, so the configuration a reader
 * copies is the one {@link GatewayRecipesTest} runs.
 */
class GatewayReadmeTest {
  @Test
  void readme_showsEveryRecipeFile_exactly() throws IOException {
    String readme =
        Files.readString(Gateway.recipes().resolve("../../README.md"), StandardCharsets.UTF_8);
    List<Path> files;
    try (Stream<Path> listing = Files.list(Gateway.recipes())) {
      files = listing.sorted().toList();
    }
    assertThat(files)
        .extracting(path -> path.getFileName().toString())
        .contains("nginx.conf", "Caddyfile", "haproxy.cfg", "keywarden.lua");
    for (Path file : files) {
      String name = file.getFileName().toString();
      String link = "[docs/gateways/" + name + "](docs/gateways/" + name + "):\n\n```";
      int at = readme.indexOf(link);
      assertThat(at).as("README.md links %s followed by its code block", name).isNotNegative();
      int open = readme.indexOf('\n', at + link.length()) + 1;
      int close = readme.indexOf("\n```\n", open - 1);
      assertThat(close).as("the code block after %s is closed", name).isGreaterThanOrEqualTo(open);
      assertThat(readme.substring(open, close + 1))
          .as("README.md's block for %s (copy the file into the README)", name)
          .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
  }
}
