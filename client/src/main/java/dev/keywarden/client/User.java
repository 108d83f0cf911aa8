package dev.keywarden.client;

import java.time.Instant;

/**
 * A user of the account. Immutable.
 *
 * @param username the login name
 * @param role {@code member} or {@code admin}
 * @param createdAt when the user was created
 */
public record User(String username, String role, Instant createdAt) {}
