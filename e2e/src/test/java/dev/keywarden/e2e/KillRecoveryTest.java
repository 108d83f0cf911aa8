package dev.keywarden.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Durability: eight clients create, delete, regenerate and disable keys and change the account
 * policy; the server is killed with SIGKILL at a random moment, restarted, and every change that
 * was acknowledged must be there. Three kills per store. A change whose answer never came may or
 * may not have happened: that key is not checked (nor touched again).
 */
class KillRecoveryTest {
  private static final int CLIENTS = 8;
  private static final int KILLS = 3;
  private static final String POLICY = "/pro/user-manager/v1/account/policy";

  /** What an acknowledged history says of one key. */
  private enum State {
    LIVE,
    DISABLED,
    DELETED
  }

  /** One key as its client last heard of it; only ever touched by that client. */
  private static final class Tracked {
    final String name;
    String token;
    String oldToken; // the secret before an acknowledged regeneration with no grace
    State state = State.LIVE;

    Tracked(String name, String token) {
      this.name = name;
      this.token = token;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void everyAcknowledgedChange_survivesSigkill(String kind) throws Exception {
    ServerProcess server = ServerProcess.start(Store.of(kind));
    try {
      String checker = server.demo().login().createKey("checker", "APIKey", "Tasks");
      for (int round = 1; round <= KILLS; round++) {
        Http admin = server.demo().login();
        Map<String, Tracked> known = new ConcurrentHashMap<>();
        AtomicInteger lastPolicy = new AtomicInteger(-1);
        AtomicInteger unansweredPolicy = new AtomicInteger(-1);
        AtomicInteger acknowledged = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        int thisRound = round;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int client = c;
          running.add(
              clients.submit(
                  () ->
                      work(
                          admin,
                          thisRound,
                          client,
                          known,
                          lastPolicy,
                          unansweredPolicy,
                          acknowledged,
                          killed)));
        }
        ServerProcess.sleep(2_000 + ThreadLocalRandom.current().nextLong(3_000));
        killed.set(true);
        server.kill();
        for (Future<?> client : running) {
          client.get();
        }
        clients.shutdown();

        server = server.restart();
        Counts counts = check(server, checker, known, lastPolicy.get(), unansweredPolicy.get());
        System.out.printf(
            "KillRecoveryTest %s kill %d: %d acknowledged changes; checked %d live, %d disabled,"
                + " %d deleted, %d regenerated old secrets, policy %s; %d wrong%n",
            kind,
            round,
            acknowledged.get(),
            counts.live,
            counts.disabled,
            counts.deleted,
            counts.oldSecrets,
            lastPolicy.get() < 0 ? "unchanged" : lastPolicy.get() + " days",
            counts.wrong.size());
        assertThat(counts.wrong).as("acknowledged changes lost on " + kind).isEmpty();
        assertThat(counts.live + counts.deleted).isPositive();
      }
    } finally {
      server.close();
    }
  }

  private static void work(
      Http admin,
      int round,
      int client,
      Map<String, Tracked> known,
      AtomicInteger lastPolicy,
      AtomicInteger unansweredPolicy,
      AtomicInteger acknowledged,
      AtomicBoolean killed) {
    List<Tracked> mine = new ArrayList<>();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int n = 0; !killed.get(); n++) {
      try {
        if (client == 0 && n % 5 == 4) {
          int days = 300 + random.nextInt(65);
          // Sent, not yet answered: if the kill cuts it off, it may or may not have applied.
          unansweredPolicy.set(days);
          Http.Response answer = admin.send("PUT", POLICY, Map.of("max_key_lifetime_days", days));
          if (answer.status() == 200) {
            lastPolicy.set(days);
            unansweredPolicy.set(-1);
            acknowledged.incrementAndGet();
          } else {
            return; // unknown whether it applied: stop changing the policy's last known value
          }
          continue;
        }
        List<Tracked> live = mine.stream().filter(k -> k.state != State.DELETED).toList();
        int op = live.size() < 3 ? 0 : random.nextInt(4);
        if (op == 0) {
          String name = "r" + round + "-c" + client + "-" + n;
          Http.Response answer =
              admin.send(
                  "POST", Http.CURRENT_KEYS, Map.of("name", name, "scopes", List.of("Tasks")));
          if (answer.status() == 201) {
            Tracked key = new Tracked(name, answer.json().get("value").asString());
            mine.add(key);
            known.put(name, key);
            acknowledged.incrementAndGet();
          }
          continue;
        }
        Tracked key = live.get(random.nextInt(live.size()));
        mine.remove(key); // in doubt until answered
        known.remove(key.name);
        String path = Http.CURRENT_KEYS + "/" + key.name;
        Http.Response answer =
            switch (op) {
              case 1 -> admin.send("DELETE", path, null);
              case 2 -> admin.send("POST", path + "/regenerate", Map.of("grace_period_seconds", 0));
              default -> admin.send("PATCH", path, Map.of("enabled", false));
            };
        int expected = op == 1 ? 204 : 200;
        if (answer.status() != expected) {
          continue; // refused: not a change; dropped from the checks to keep them exact
        }
        switch (op) {
          case 1 -> key.state = State.DELETED;
          case 2 -> {
            key.oldToken = key.token;
            key.token = answer.json().get("value").asString();
          }
          default -> key.state = State.DISABLED;
        }
        acknowledged.incrementAndGet();
        mine.add(key);
        known.put(key.name, key);
      } catch (RuntimeException unanswered) {
        return; // the server is gone: the change in flight is neither acknowledged nor checked
      }
    }
  }

  private record Counts(int live, int disabled, int deleted, int oldSecrets, List<String> wrong) {}

  private static Counts check(
      ServerProcess server,
      String checker,
      Map<String, Tracked> known,
      int policy,
      int unansweredPolicy) {
    Http verifier = server.demo().as(checker);
    int live = 0;
    int disabled = 0;
    int deleted = 0;
    int oldSecrets = 0;
    List<String> wrong = new ArrayList<>();
    for (Tracked key : known.values()) {
      String code = verify(verifier, key.token);
      switch (key.state) {
        case LIVE -> {
          live++;
          if (!code.equals("VALID")) {
            wrong.add(key.name + " created/regenerated but verifies " + code);
          }
        }
        case DISABLED -> {
          disabled++;
          if (code.equals("VALID")) {
            wrong.add(key.name + " disabled but verifies VALID");
          }
        }
        case DELETED -> {
          deleted++;
          if (code.equals("VALID")) {
            wrong.add(key.name + " deleted but verifies VALID");
          }
        }
      }
      if (key.oldToken != null) {
        oldSecrets++;
        if (verify(verifier, key.oldToken).equals("VALID")) {
          wrong.add(key.name + " regenerated with no grace but its old secret verifies VALID");
        }
      }
    }
    if (policy >= 0) {
      Http.Response answer = server.demo().login().get(POLICY);
      int stored = answer.json().get("max_key_lifetime_days").asInt();
      if (stored != policy && stored != unansweredPolicy) {
        wrong.add("policy " + policy + " days acknowledged, " + stored + " after restart");
      }
    }
    return new Counts(live, disabled, deleted, oldSecrets, wrong);
  }

  static String verify(Http verifier, String token) {
    Http.Response answer =
        verifier.send("POST", Http.VERIFY, Map.of("key", token, "scopes", List.of("Tasks")));
    assertThat(answer.status()).as(answer.body()).isLessThan(500);
    var code = answer.json().get("code");
    return code == null ? "HTTP " + answer.status() : code.asString();
  }
}
