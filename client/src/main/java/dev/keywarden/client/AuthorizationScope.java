package dev.keywarden.client;

/**
 * A scope a key may carry, with what it allows. Immutable.
 *
 * @param name the exact identifier, e.g. {@code Tasks}
 * @param description what it allows
 */
public record AuthorizationScope(String name, String description) {}
