package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM under load: the server stops accepting, answers every request it had taken, writes the
 * last uses it had noted, closes the store and exits 0, with no ERROR in its output. A request sent
 * after the listener closed may be refused (connection refused); none is cut.
 */
class GracefulShutdownTest {
  private static final int CLIENTS = 8;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void sigterm_finishesInFlightRequests_writesLastUses_andExitsZero(String kind) throws Exception {
    ServerProcess server = ServerProcess.start(Store.of(kind));
    try {
      Http admin = server.demo().login();
      Http anonymous = server.demo();
      List<String> tokens = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        tokens.add(admin.createKey("used-" + i, "APIKey", "Tasks"));
      }
      Map<String, Boolean> verifiedBeforeStop = new ConcurrentHashMap<>();
      AtomicBoolean stopping = new AtomicBoolean();
      AtomicInteger answered = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();
      List<String> cut = new ArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        running.add(
            clients.submit(
                () -> {
                  for (int n = 0; ; n++) {
                    boolean create = n % 4 == 3;
                    String token = tokens.get((client * 2 + n) % tokens.size());
                    boolean sentBeforeStop = !stopping.get();
                    try {
                      Http.Response answer =
                          create
                              ? admin.send(
                                  "POST",
                                  Http.CURRENT_KEYS,
                                  Map.of("name", "c" + client + "-" + n, "scopes", List.of()))
                              : anonymous
                                  .as(token)
                                  .send(
                                      "POST",
                                      Http.VERIFY,
                                      Map.of("key", token, "scopes", List.of("Tasks")));
                      answered.incrementAndGet();
                      if (!create && answer.status() == 200 && sentBeforeStop) {
                        verifiedBeforeStop.put(token, true);
                      }
                      if (answer.status() >= 500 && sentBeforeStop) {
                        synchronized (cut) {
                          cut.add(answer.status() + " " + answer.body());
                        }
                      }
                    } catch (Http.UncheckedIOException e) {
                      if (refusedConnection(e)) {
                        refused.incrementAndGet();
                        return; // the listener is closed: the server takes no new requests
                      }
                      if (sentBeforeStop) {
                        synchronized (cut) {
                          cut.add(e.getCause().toString());
                        }
                      }
                      return; // sent after the stop on a connection being closed: not accepted
                    }
                  }
                }));
      }
      ServerProcess.sleep(1_500);
      stopping.set(true);
      int exit = server.stop(Duration.ofSeconds(30));
      for (Future<?> client : running) {
        client.get();
      }
      clients.shutdown();
      String output = server.output();
      System.out.printf(
          "GracefulShutdownTest %s: %d answered, %d refused after the stop, %d cut, exit %d%n",
          kind, answered.get(), refused.get(), cut.size(), exit);

      assertThat(exit).as(output).isZero();
      assertThat(cut).as("requests cut or failed by the stop").isEmpty();
      assertThat(output).doesNotContain("ERROR").doesNotContain("already closed");
      assertThat(verifiedBeforeStop).isNotEmpty();

      server = server.restart();
      Map<String, String> lastUsed = new ConcurrentHashMap<>();
      Http.Response list = server.demo().login().get(Http.CURRENT_KEYS);
      list.json()
          .forEach(
              key -> {
                var at = key.get("last_used_at");
                lastUsed.put(
                    key.get("name").asString(), at == null || at.isNull() ? "" : at.asString());
              });
      for (int i = 0; i < tokens.size(); i++) {
        if (verifiedBeforeStop.containsKey(tokens.get(i))) {
          assertThat(lastUsed.get("used-" + i))
              .as("last use of key used-" + i + ", verified before the stop")
              .isNotEmpty();
        }
      }
    } finally {
      server.close();
    }
  }

  private static boolean refusedConnection(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }
}
