package dev.keywarden.core.audit;

import java.time.Instant;

/**
 * One change: who ({@code actor}), what ({@code action} on {@code target}), when and from where.
 * Never carries a secret: keys are named by access id.
 */
public record AuditEvent(
    long accountId,
    Instant occurredAt,
    String actor,
    String action,
    String target,
    String sourceIp,
    String detail) {}
