package dev.keywarden.client;

import java.time.Instant;

/**
 * A user of the account. Immutable.
 *
 * @param username the login name
 * @param role {@code member} or {@code admin}
 * @param account the account's name, or {@code null} if the server does not say
 * @param createdAt when the user was created, or {@code null} if the server does not say
 */
public record User(String username, String role, String account, Instant createdAt) {}
