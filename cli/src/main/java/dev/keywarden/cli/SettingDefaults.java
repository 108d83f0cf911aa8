package dev.keywarden.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives picocli the value of an option left off the command line: from the environment, else the
 * configuration file, else (by returning {@code null}) the option's own default. Only options that
 * are {@link Setting}s are looked up, so {@code KEYWARDEN_JSON} or the like change nothing.
 */
final class SettingDefaults implements IDefaultValueProvider {
  private final Configuration configuration;

  SettingDefaults(Configuration configuration) {
    this.configuration = configuration;
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec option)) {
      return null;
    }
    return Setting.forFlag(option.longestName()).flatMap(configuration::value).orElse(null);
  }
}
