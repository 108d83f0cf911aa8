package dev.keywarden.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/**
 * {@code keywarden config}: every setting with the value {@code serve} (given the same options)
 * would use and where that value comes from; secrets are masked.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Show every setting, its value and where it comes from (secrets masked).",
    footer = {
      "",
      "Give it the options you would give 'serve' to see what they change. Precedence: a flag,",
      "then the environment (KEYWARDEN_<NAME>), then the --config file (<name>=<value>), then",
      "the default."
    })
final class ConfigCommand implements Callable<Integer> {
  static final String MASK = "********";

  @Spec CommandSpec spec;
  @Mixin StoreOptions store;
  @Mixin ServerOptions server;

  @Override
  public Integer call() {
    Configuration configuration = Configuration.current();
    List<List<String>> rows = new ArrayList<>();
    for (Setting setting : Setting.values()) {
      rows.add(row(setting, configuration));
    }
    Output.table(spec.commandLine().getOut(), List.of("SETTING", "VALUE", "FROM"), rows);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private List<String> row(Setting setting, Configuration configuration) {
    String value;
    Configuration.Source source;
    OptionSpec option = setting.flag() == null ? null : spec.findOption(setting.flag());
    if (setting == Setting.CONFIG) {
      value = configuration.file().map(Object::toString).orElse(null);
      source =
          spec.commandLine().getParseResult().hasMatchedOption("--config")
              ? Configuration.Source.FLAG
              : Configuration.Source.ENVIRONMENT;
    } else if (option != null && spec.commandLine().getParseResult().hasMatchedOption(option)) {
      value = text(option.getValue());
      source = Configuration.Source.FLAG;
    } else if (configuration.source(setting).isPresent()) {
      value = configuration.value(setting).orElseThrow();
      source = configuration.source(setting).orElseThrow();
    } else {
      value = setting.defaultValue();
      source = Configuration.Source.DEFAULT;
    }
    if (value == null) {
      return java.util.Arrays.asList(setting.key(), null, null);
    }
    String from =
        switch (source) {
          case FLAG -> setting.flag();
          case ENVIRONMENT -> setting.environmentVariable();
          case FILE -> "file";
          case DEFAULT -> "default";
        };
    return List.of(setting.key(), setting.secret() ? MASK : value, from);
  }

  private static String text(Object value) {
    if (value instanceof Collection<?> items) {
      return String.join(",", items.stream().map(String::valueOf).toList());
    }
    return value == null ? null : value.toString();
  }
}
