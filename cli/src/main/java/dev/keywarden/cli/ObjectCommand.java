package dev.keywarden.cli;

import dev.keywarden.cli.remote.RemoteOptions;
import dev.keywarden.client.KeywardenClient;
import dev.keywarden.core.Caller;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.account.Account;
import dev.keywarden.server.http.Json;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * A command on one kind of object (keys, licenses, users, accounts) that works against a running
 * server or directly on a store, with the same options and output in both.
 *
 * <p>It works on the store when given {@code --data}, {@code --db-url} or {@code --config}, or when
 * the environment names a store ({@code KEYWARDEN_DATA}, {@code KEYWARDEN_DB_URL}, {@code
 * KEYWARDEN_CONFIG}); against a server otherwise ({@code --url}, {@code KEYWARDEN_URL}, the license
 * file, or {@code http://localhost:8080}). Against a server it prints the server's JSON answer as
 * it came; on the store it renders the same objects with the server's own views, so {@code --json}
 * is the API's JSON either way and the text for people is drawn from it.
 */
abstract class ObjectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RemoteOptions remote;
  @Mixin StoreOptions store;

  /** Where a command acts. */
  enum Mode {
    SERVER,
    STORE
  }

  /** Against a server: the answer of the last request is what the command prints. */
  abstract void onServer(KeywardenClient client) throws Exception;

  /** On the store: returns the API's view of the result, or {@code null} for none. */
  abstract Object onStore(Keywarden keywarden) throws Exception;

  /** Prints the answer for people; {@code answer} is {@code null} when there is none. */
  abstract void print(JsonNode answer);

  /** A password the command generated, to show once; {@code null} when none. */
  String generatedPassword() {
    return null;
  }

  /**
   * Says what was created on stderr; a generated password goes alone on stdout after it, so that
   * {@code $(...)} captures it as it captures a token.
   */
  void printCreated(String sentence) {
    String password = generatedPassword();
    err()
        .println(
            sentence
                + (password == null
                    ? ""
                    : " Copy the generated password now: it is not shown again."));
    err().flush();
    if (password != null) {
      out().println(password);
    }
  }

  /** Narrows the answer before it is printed (the same way in both modes); as it is by default. */
  String narrow(String answer) {
    return answer;
  }

  /** Whether the command may create a store that does not exist yet. */
  boolean createsStore() {
    return false;
  }

  /** Whether the command can act against a server (else only on a store). */
  boolean worksOnServer() {
    return true;
  }

  /** Whether the command can act on a store (else only against a server). */
  boolean worksOnStore() {
    return true;
  }

  @Override
  public final Integer call() throws Exception {
    String answer = mode() == Mode.SERVER ? fromServer() : fromStore();
    if (answer != null && !answer.isBlank()) {
      answer = narrow(answer);
    }
    if (remote.json()) {
      if (answer != null && !answer.isBlank()) {
        out().println(answer);
      }
      if (generatedPassword() != null) {
        // Not part of the API's answer, so not on stdout with it.
        err().println("Generated password (shown once): " + generatedPassword());
      }
    } else {
      print(answer == null || answer.isBlank() ? null : Output.parse(answer));
    }
    out().flush();
    err().flush();
    return 0;
  }

  private String fromServer() throws Exception {
    AtomicReference<String> answer = new AtomicReference<>();
    try (KeywardenClient client = remote.client(answer::set)) {
      onServer(client);
    }
    return answer.get();
  }

  private String fromStore() throws Exception {
    try (Keywarden keywarden = createsStore() ? store.open() : store.openExisting()) {
      Object view = onStore(keywarden);
      return view == null ? null : Json.write(view);
    }
  }

  /** Where this run acts, from its options and the environment. */
  Mode mode() {
    boolean serverFlag = spec.commandLine().getParseResult().hasMatchedOption("--url");
    boolean storeFlag = store.onCommandLine();
    if (serverFlag && storeFlag) {
      throw CommandFailure.invalid("Give --url (a server) or --data/--db-url (a store), not both.");
    }
    Mode mode;
    if (serverFlag) {
      mode = Mode.SERVER;
    } else if (storeFlag || !worksOnServer()) {
      mode = Mode.STORE;
    } else {
      boolean serverNamed = Configuration.current().environment("KEYWARDEN_URL") != null;
      boolean storeNamed = store.named();
      if (serverNamed && storeNamed) {
        throw CommandFailure.invalid(
            "Both KEYWARDEN_URL and a store (KEYWARDEN_DATA, KEYWARDEN_DB_URL or"
                + " KEYWARDEN_CONFIG) are set: choose with --url or --data.");
      }
      mode = storeNamed ? Mode.STORE : Mode.SERVER;
    }
    if (mode == Mode.SERVER && !worksOnServer()) {
      throw CommandFailure.invalid(
          "'" + spec.qualifiedName() + "' works on a store only: give --data or --db-url.");
    }
    if (mode == Mode.STORE && !worksOnStore()) {
      throw CommandFailure.invalid(
          "'" + spec.qualifiedName() + "' works against a server only: give --url.");
    }
    return mode;
  }

  /** The operator acting on the account of {@code --account} (or the default account). */
  Caller operator(Keywarden keywarden) {
    String name = remote.account();
    if (name == null) {
      name = Setting.ACCOUNT.defaultValue();
    }
    Account account = keywarden.accounts().require(name);
    return Caller.operator(account.id(), account.name());
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
