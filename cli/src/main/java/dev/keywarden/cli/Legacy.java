package dev.keywarden.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The spellings of the previous release, still understood for this one: {@code key}, {@code
 * license} and {@code account} (operator commands on the store, now {@code keys}, {@code licenses}
 * and {@code accounts}), their {@code --name <name>} (now the positional name), {@code key create
 * --license <id>} (the binding, now {@code --binding license:<id>}), {@code serve --host} (now
 * {@code --bind}) and the remote commands' {@code --host} (now {@code --url}). Each use is
 * rewritten to the new spelling and named in one line on stderr. Delete this class in the next
 * release.
 */
final class Legacy {
  private static final Map<String, String> NOUNS =
      Map.of("key", "keys", "license", "licenses", "account", "accounts");
  private static final Set<String> STORE_FLAGS = Set.of("--data", "--db-url", "--config", "--url");

  private Legacy() {}

  /** The arguments in today's spelling, and what moved (empty when nothing did). */
  record Rewritten(String[] args, List<String> moved) {
    /** The one line telling what moved, or {@code null}. */
    String notice() {
      return moved.isEmpty()
          ? null
          : "keywarden: "
              + String.join("; ", moved)
              + " (the old spelling stops working in the next release).";
    }
  }

  static Rewritten rewrite(String[] original, Function<String, String> environment) {
    List<String> args = new ArrayList<>(List.of(original));
    List<String> moved = new ArrayList<>();
    if (args.isEmpty()) {
      return new Rewritten(original, moved);
    }
    String command = args.get(0);
    String noun = NOUNS.get(command);
    if (noun != null) {
      args.set(0, noun);
      moved.add("'" + command + "' is now '" + noun + "'");
      String sub = args.size() > 1 ? args.get(1) : "";
      if (command.equals("key") && sub.equals("create")) {
        renameValue(args, "--license", "--binding", "license:", moved);
      }
      if (!command.equals("account")) {
        nameToPositional(args, moved);
      }
      if (args.stream().noneMatch(arg -> STORE_FLAGS.contains(flagOf(arg)))
          && environment.apply("KEYWARDEN_DATA") == null
          && environment.apply("KEYWARDEN_DB_URL") == null
          && environment.apply("KEYWARDEN_CONFIG") == null
          && !args.contains("--help")
          && !args.contains("-h")) {
        // The old operator commands worked on ./data by default; the new ones need to be told.
        args.add("--data");
        args.add("./data");
      }
    }
    if (command.equals("serve")) {
      renameFlag(args, "--host", "--bind", moved);
      if (environment.apply("KEYWARDEN_BIND") == null
          && environment.apply("KEYWARDEN_HOST") != null
          && args.stream().noneMatch(arg -> flagOf(arg).equals("--bind"))) {
        args.add("--bind");
        args.add(environment.apply("KEYWARDEN_HOST"));
        moved.add("KEYWARDEN_HOST is now KEYWARDEN_BIND");
      }
    } else {
      renameFlag(args, "--host", "--url", moved);
    }
    return new Rewritten(args.toArray(String[]::new), moved);
  }

  private static String flagOf(String arg) {
    int equals = arg.indexOf('=');
    return arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
  }

  private static void renameFlag(List<String> args, String from, String to, List<String> moved) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        return;
      }
      if (arg.equals(from) || arg.startsWith(from + "=")) {
        args.set(i, to + arg.substring(from.length()));
        moved.add("'" + from + "' is now '" + to + "'");
        return;
      }
    }
  }

  private static void renameValue(
      List<String> args, String from, String to, String prefix, List<String> moved) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(from) && i + 1 < args.size()) {
        args.set(i, to);
        args.set(i + 1, prefix + args.get(i + 1));
      } else if (arg.startsWith(from + "=")) {
        args.set(i, to + "=" + prefix + arg.substring(from.length() + 1));
      } else {
        continue;
      }
      moved.add("'key create " + from + " <id>' is now '" + to + " " + prefix + "<id>'");
      return;
    }
  }

  private static void nameToPositional(List<String> args, List<String> moved) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String value;
      if (arg.equals("--name") && i + 1 < args.size()) {
        value = args.remove(i + 1);
        args.remove(i);
      } else if (arg.startsWith("--name=")) {
        value = arg.substring("--name=".length());
        args.remove(i);
      } else {
        continue;
      }
      args.add(Math.min(2, args.size()), value);
      moved.add("'--name " + value + "' is now the argument '" + value + "'");
      return;
    }
  }
}
