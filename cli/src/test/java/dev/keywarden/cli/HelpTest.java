package dev.keywarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Every command and option explains itself in whole sentences; --version only at the top. */
class HelpTest {
  private static List<CommandLine> everyCommand() {
    List<CommandLine> all = new ArrayList<>();
    collect(KeywardenCli.commandLine(), all);
    return all;
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, all));
  }

  @Test
  void everyCommand_hasASummaryThatIsAWholeSentence() {
    for (CommandLine command : everyCommand()) {
      CommandSpec spec = command.getCommandSpec();
      String[] description = spec.usageMessage().description();
      assertThat(description).as(spec.qualifiedName()).isNotEmpty();
      assertThat(description[0]).as(spec.qualifiedName()).endsWith(".").doesNotStartWith(" ");
    }
  }

  @Test
  void everyOptionAndArgument_isDescribed_inWholeSentences() {
    for (CommandLine command : everyCommand()) {
      CommandSpec spec = command.getCommandSpec();
      List<ArgSpec> arguments = new ArrayList<>(spec.options());
      arguments.addAll(spec.positionalParameters());
      for (ArgSpec argument : arguments) {
        String text = String.join(" ", argument.description()).strip();
        String name = spec.qualifiedName() + " " + argument.paramLabel();
        if (argument instanceof CommandLine.Model.OptionSpec option) {
          name = spec.qualifiedName() + " " + option.longestName();
        }
        assertThat(text).as(name).isNotBlank().endsWith(".").doesNotContain("One or more of: .");
      }
    }
  }

  @Test
  void helpTexts_renderWithoutPlaceholders() {
    for (CommandLine command : everyCommand()) {
      StringWriter text = new StringWriter();
      command.usage(new PrintWriter(text));
      assertThat(text.toString())
          .as(command.getCommandSpec().qualifiedName())
          .doesNotContain("${")
          .doesNotContain("One or more of:\n");
    }
  }

  @Test
  void version_isAnOptionOfTheTopCommandOnly_andPrintsTheBuildsVersion() {
    for (CommandLine command : everyCommand()) {
      boolean top = command.getCommandSpec().parent() == null;
      assertThat(command.getCommandSpec().findOption("--version") != null)
          .as(command.getCommandSpec().qualifiedName())
          .isEqualTo(top);
    }
    StringWriter out = new StringWriter();
    int code =
        KeywardenCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "-V");
    assertThat(code).isZero();
    assertThat(out.toString()).matches("keywarden \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void usageErrors_areOneSentence_pointingAtTheHelp() {
    StringWriter err = new StringWriter();
    int code =
        KeywardenCli.run(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            "keys",
            "create",
            "ci",
            "--data",
            "/nonexistent");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .startsWith("keywarden: Missing required option")
        .contains("(see 'keywarden keys create --help').");
  }
}
