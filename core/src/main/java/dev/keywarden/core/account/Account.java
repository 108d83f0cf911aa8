package dev.keywarden.core.account;

import java.time.Instant;

/** A tenant. Nothing of one account is visible from another. */
public record Account(long id, String name, AccountPolicy policy, Instant createdAt) {}
