package dev.keywarden.bench;

import dev.keywarden.core.Caller;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.StoreConfig;
import dev.keywarden.core.account.Account;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.key.SecretHash;
import dev.keywarden.verification.Scope;
import dev.keywarden.verification.TokenFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;

/**
 * Seeds an embedded store for the load benchmark: account {@code acme}, a platform key with the
 * {@code APIKey} scope (written to {@code platform.txt}) and {@code count} keys of its admin
 * inserted in JDBC batches (tokens written to {@code tokens.txt}, one a line). The bulk insert
 * bypasses the key service on purpose: its audit entry and change-log row per key would make
 * seeding 100,000 keys take minutes, and neither matters to verification.
 *
 * <p>Usage: {@code java -cp keywarden-bench.jar dev.keywarden.bench.Seed <data dir> <count> <out
 * dir>}
 */
public final class Seed {
  private static final int BATCH = 5_000;

  private Seed() {}

  public static void main(String[] args) throws IOException {
    Path dataDir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    Path out = Path.of(args[2]);
    Files.createDirectories(out);
    long start = System.nanoTime();
    try (Keywarden keywarden = Keywarden.open(StoreConfig.embedded(dataDir))) {
      Account acme =
          keywarden.accounts().create("acme", "admin", "load benchmark admin password").account();
      Caller operator = Caller.operator(acme.id(), acme.name());
      String platform =
          keywarden
              .keys()
              .createForUser(operator, "admin", NewKey.of("platform", EnumSet.of(Scope.APIKey)))
              .token();
      Files.writeString(out.resolve("platform.txt"), platform + "\n");
      long adminId = keywarden.users().list(operator).getFirst().id();
      try (PrintWriter tokens =
          new PrintWriter(Files.newBufferedWriter(out.resolve("tokens.txt")))) {
        insertKeys(keywarden, acme.id(), adminId, count, tokens);
      }
    }
    System.out.printf(
        "Seeded %d keys in %d ms%n", count, Duration.ofNanos(System.nanoTime() - start).toMillis());
  }

  private static void insertKeys(
      Keywarden keywarden, long accountId, long ownerId, int count, PrintWriter tokens) {
    TokenFormat format = new TokenFormat();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant expires = now.plus(Duration.ofDays(300));
    for (int from = 0; from < count; from += BATCH) {
      int first = from;
      int last = Math.min(count, from + BATCH);
      keywarden
          .database()
          .inTransaction(
              connection -> {
                try (PreparedStatement insert =
                    connection.prepareStatement(
                        "INSERT INTO api_keys (account_id, owner_user_id, license_id, name_scope,"
                            + " name, access_id, secret_hash, scopes, api_version, is_default,"
                            + " enabled, created_at, created_by, expires_at)"
                            + " VALUES (?, ?, NULL, ?, ?, ?, ?, ?, 'v2', FALSE, TRUE, ?, ?, ?)")) {
                  for (int i = first; i < last; i++) {
                    String accessId = format.newAccessId();
                    String secret = format.newSecret();
                    insert.setLong(1, accountId);
                    insert.setLong(2, ownerId);
                    insert.setString(3, "user:" + ownerId);
                    insert.setString(4, "load-" + i);
                    insert.setString(5, accessId);
                    insert.setString(6, SecretHash.hex(secret));
                    insert.setString(7, "Tasks,Session");
                    insert.setObject(8, now.atOffset(ZoneOffset.UTC));
                    insert.setString(9, "operator");
                    insert.setObject(10, expires.atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                    tokens.println(TokenFormat.format(accessId, secret));
                  }
                  insert.executeBatch();
                }
                return null;
              });
    }
  }
}
