package dev.keywarden.core.store;

import dev.keywarden.core.audit.AuditEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The audit trail in SQL: who changed what, when and from where. Thread-safe; blocking. */
public final class JdbcAuditLog {
  private final Database database;

  /** A log on the database. */
  public JdbcAuditLog(Database database) {
    this.database = database;
  }

  /** Appends an event (in the caller's transaction, if any). */
  public void append(AuditEvent event) {
    database.withConnection(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO audit_events (account_id, occurred_at, actor, action, target,"
                      + " source_ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, event.accountId());
            Rows.setInstant(insert, 2, event.occurredAt());
            insert.setString(3, event.actor());
            insert.setString(4, event.action());
            insert.setString(5, event.target());
            insert.setString(6, event.sourceIp());
            insert.setString(7, event.detail());
            return insert.executeUpdate();
          }
        });
  }

  /** The account's most recent events, newest first. */
  public List<AuditEvent> recent(long accountId, int limit) {
    return database.withConnection(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT * FROM audit_events WHERE account_id = ?"
                      + " ORDER BY occurred_at DESC, id DESC LIMIT ?")) {
            select.setLong(1, accountId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
              List<AuditEvent> events = new ArrayList<>();
              while (rows.next()) {
                events.add(
                    new AuditEvent(
                        rows.getLong("account_id"),
                        Rows.getInstant(rows, "occurred_at"),
                        rows.getString("actor"),
                        rows.getString("action"),
                        rows.getString("target"),
                        rows.getString("source_ip"),
                        rows.getString("detail")));
              }
              return events;
            }
          }
        });
  }
}
