package dev.keywarden.core.verify;

import dev.keywarden.core.store.JdbcKeyStore;
import dev.keywarden.core.store.JdbcNodeStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes key changes into this node's cache the moment they commit: a thread of its own holds a
 * dedicated PostgreSQL connection that {@code LISTEN}s to {@link JdbcKeyStore#CHANNEL} and applies
 * each notice through the {@link KeyChangeFeed}; it reconnects after any failure (and polls once
 * then, for what it missed).
 *
 * <p>Heartbeat and applied point: each round writes the node's row in {@code cluster_nodes} on the
 * same connection and reads the database's clock {@code T} at that statement; PostgreSQL delivers
 * every notice committed before that statement with its answer, so once they are applied, this node
 * has applied everything committed before {@code T}, and the next round publishes {@code T} as its
 * {@code applied_through}. Rounds run at least once per {@link #HEARTBEAT} and twice after any
 * notice, so a waiter's {@code sync} notice ({@link JdbcNodeStore#syncPoint()}) is answered within
 * two round trips.
 */
public final class ChangeNotices implements AutoCloseable {
  /** The most time between heartbeats. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private static final Logger log = LoggerFactory.getLogger(ChangeNotices.class);

  /** Opens the dedicated connection. */
  @FunctionalInterface
  public interface ConnectionSource {
    /** A new connection. */
    Connection open() throws SQLException;
  }

  private final ConnectionSource source;
  private final KeyChangeFeed feed;
  private final String nodeId;
  private final String host;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile Connection connection;

  /** A listener for a node; {@link #start()} it. */
  public ChangeNotices(ConnectionSource source, KeyChangeFeed feed, String nodeId, String host) {
    this.source = source;
    this.feed = feed;
    this.nodeId = nodeId;
    this.host = host;
    this.thread = new Thread(this::run, "keywarden-change-notices");
    thread.setDaemon(true);
  }

  /** Starts listening. */
  public void start() {
    thread.start();
  }

  private void run() {
    long backoff = 100;
    while (running) {
      try (Connection opened = source.open()) {
        connection = opened;
        listen(opened);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn(
            "Change notices interrupted; reconnecting in {} ms (the poll covers meanwhile): {}",
            backoff,
            e.toString());
        sleep(backoff);
        backoff = Math.min(backoff * 2, 5_000);
        continue;
      } finally {
        connection = null;
      }
      backoff = 100;
    }
  }

  private void listen(Connection opened) throws SQLException {
    opened.setAutoCommit(true);
    try (Statement statement = opened.createStatement()) {
      statement.execute("LISTEN " + JdbcKeyStore.CHANNEL);
      // Heartbeats are rewritten every second: none needs to wait for the disk.
      statement.execute("SET synchronous_commit = off");
    }
    PGConnection pg = opened.unwrap(PGConnection.class);
    // Notices sent while not listening are lost: read the log once for them.
    feed.poll();
    Instant through = null;
    int rounds = 1;
    while (running) {
      long before = System.currentTimeMillis();
      Instant stamp = JdbcNodeStore.heartbeat(opened, nodeId, host, through, feed.highestApplied());
      long after = System.currentTimeMillis();
      feed.databaseOffset(Duration.ofMillis(stamp.toEpochMilli() - (before + after) / 2));
      if (apply(pg.getNotifications()) > 0) {
        rounds = 2;
      }
      through = stamp;
      if (--rounds > 0) {
        continue;
      }
      rounds = apply(pg.getNotifications((int) HEARTBEAT.toMillis())) > 0 ? 2 : 1;
    }
  }

  private int apply(PGNotification[] notices) {
    if (notices == null) {
      return 0;
    }
    for (PGNotification notice : notices) {
      String[] parts = notice.getParameter().split(" ", 4);
      if (parts.length == 4) {
        long micros = Long.parseLong(parts[1]);
        Instant changedAt =
            Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))
                .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000);
        feed.apply(Long.parseLong(parts[0]), parts[3], changedAt, true, nodeId.equals(parts[2]));
      }
    }
    return notices.length;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and waits for the thread. */
  @Override
  public void close() {
    running = false;
    Connection open = connection;
    if (open != null) {
      try {
        open.close();
      } catch (SQLException e) {
        // Closing is best effort.
      }
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
