package dev.keywarden.client;

import java.time.Instant;

/**
 * A license of the account. Immutable.
 *
 * @param id its numeric id
 * @param name its name
 * @param defaultPool its default pool, {@code <id>-default}
 * @param createdAt when it was created, or {@code null} if the server does not say
 */
public record License(long id, String name, String defaultPool, Instant createdAt) {}
