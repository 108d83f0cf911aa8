package dev.keywarden.core.user;

import java.time.Instant;

/** A person who belongs to one account. The password hash is never part of this view. */
public record User(long id, long accountId, String username, Role role, Instant createdAt) {}
