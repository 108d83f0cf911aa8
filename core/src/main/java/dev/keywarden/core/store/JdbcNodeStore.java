package dev.keywarden.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's serving nodes ({@code cluster_nodes}): each node's heartbeat and how far it has
 * applied the change log. PostgreSQL only (one embedded node needs no registry). Thread-safe;
 * blocking.
 */
public final class JdbcNodeStore {
  /** A node whose heartbeat is older than this is no longer counted as live. */
  public static final Duration LIVE_WITHIN = Duration.ofSeconds(5);

  private final Database database;

  /** A store on the database. */
  public JdbcNodeStore(Database database) {
    this.database = database;
  }

  /**
   * Registers or refreshes a node on a connection of the caller's (the node's notice listener), in
   * auto-commit; returns the database's clock at the start of that statement.
   */
  public static Instant heartbeat(
      Connection connection, String nodeId, String host, Instant appliedThrough, long appliedChange)
      throws SQLException {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO cluster_nodes (node_id, host, started_at, heartbeat_at, applied_through,"
                + " applied_change) VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?, ?)"
                + " ON CONFLICT (node_id) DO UPDATE SET heartbeat_at = CURRENT_TIMESTAMP,"
                + " applied_through = EXCLUDED.applied_through,"
                + " applied_change = EXCLUDED.applied_change"
                + " RETURNING CURRENT_TIMESTAMP")) {
      upsert.setString(1, nodeId);
      upsert.setString(2, host);
      Rows.setInstant(upsert, 3, appliedThrough);
      upsert.setLong(4, appliedChange);
      try (ResultSet rows = upsert.executeQuery()) {
        rows.next();
        return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
      }
    }
  }

  /**
   * Wakes every node's listener (a {@code sync} notice) and returns the database's clock after the
   * caller's change committed: a change is applied everywhere once every live node's {@code
   * applied_through} has passed this instant.
   */
  public Instant syncPoint() {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT CURRENT_TIMESTAMP, pg_notify('"
                          + JdbcKeyStore.CHANNEL
                          + "', 'sync')");
              ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getObject(1, java.time.OffsetDateTime.class).toInstant();
          }
        });
  }

  /** The live nodes that have not yet applied everything committed before {@code through}. */
  public List<String> lagging(Instant through) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT node_id FROM cluster_nodes WHERE heartbeat_at > CURRENT_TIMESTAMP - ?"
                      + " * INTERVAL '1 millisecond'"
                      + " AND (applied_through IS NULL OR applied_through < ?) ORDER BY node_id")) {
            select.setLong(1, LIVE_WITHIN.toMillis());
            Rows.setInstant(select, 2, through);
            try (ResultSet rows = select.executeQuery()) {
              List<String> nodes = new ArrayList<>();
              while (rows.next()) {
                nodes.add(rows.getString(1));
              }
              return nodes;
            }
          }
        });
  }

  /** Removes a node (it is stopping). */
  public void remove(String nodeId) {
    database.withConnection(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM cluster_nodes WHERE node_id = ?")) {
            delete.setString(1, nodeId);
            return delete.executeUpdate();
          }
        });
  }

  /** Removes nodes silent since before an instant (they crashed); returns how many. */
  public int prune(Instant silentSince) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM cluster_nodes WHERE heartbeat_at < ?")) {
            Rows.setInstant(delete, 1, silentSince);
            return delete.executeUpdate();
          }
        });
  }
}
