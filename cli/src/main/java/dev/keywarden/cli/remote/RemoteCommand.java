package dev.keywarden.cli.remote;

import dev.keywarden.client.KeywardenApiException;
import dev.keywarden.client.KeywardenClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running server. Runs {@link #run(KeywardenClient)} and turns every
 * failure into one line on stderr and the documented exit code: 2 invalid input, 3 not
 * authenticated or not allowed, 4 not found, 5 conflict, 6 server unreachable, 1 anything else.
 */
abstract class RemoteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RemoteOptions remote;

  /** The command's work; returns the exit code. */
  abstract int run(KeywardenClient client) throws Exception;

  @Override
  public final Integer call() throws Exception {
    try (KeywardenClient client = remote.client()) {
      return run(client);
    } catch (KeywardenApiException e) {
      return fail(describe(e), exitCode(e));
    } catch (RemoteOptions.MissingCredentialException e) {
      return fail(e.getMessage(), 3);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return fail(e.getMessage(), 2);
    } catch (UncheckedIOException e) {
      return fail(e.getMessage(), 1);
    } catch (IOException e) {
      return fail(e.getClass().getSimpleName() + ": " + e.getMessage(), 1);
    } finally {
      out().flush();
      err().flush();
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return remote.json;
  }

  private int fail(String message, int code) {
    err().println("keywarden: " + oneLine(message));
    return code;
  }

  static String describe(KeywardenApiException e) {
    String detail = e.getMessage() == null ? "request failed" : e.getMessage();
    if (e.status() == 0) {
      return detail;
    }
    return detail
        + " ("
        + e.code()
        + (e.field() == null ? "" : ", field " + e.field())
        + (e.retryAfter() == null ? "" : ", retry after " + e.retryAfter().toSeconds() + " s")
        + ")";
  }

  static int exitCode(KeywardenApiException e) {
    return switch (e.kind()) {
      case INVALID -> 2;
      case UNAUTHENTICATED, FORBIDDEN, THROTTLED -> 3;
      case NOT_FOUND -> 4;
      case CONFLICT -> 5;
      case UNAVAILABLE -> 6;
      case OTHER -> 1;
    };
  }

  private static String oneLine(String text) {
    return text == null ? "failed" : text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
