package dev.keywarden.client;

import java.time.Instant;

/**
 * One entry of the account's audit trail: who did what, when and from where (never a secret).
 * Immutable.
 *
 * @param occurredAt when
 * @param actor who (a username, an access id or the operator)
 * @param action what, e.g. {@code key.create}
 * @param target on what, e.g. a key's access id
 * @param sourceIp from where, or {@code null}
 * @param detail more, or {@code null}
 */
public record AuditEvent(
    Instant occurredAt,
    String actor,
    String action,
    String target,
    String sourceIp,
    String detail) {}
