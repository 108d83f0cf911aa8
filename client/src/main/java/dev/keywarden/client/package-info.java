/**
 * The Java client of a Keywarden server: {@link dev.keywarden.client.KeywardenClient} (a typed
 * method per REST endpoint), {@link dev.keywarden.client.KeyVerifier} (verification for platform
 * services, with a short-lived local cache that stays correct under revocation) and {@link
 * dev.keywarden.client.LicenseFileLocator} (finds the license file client tools use).
 *
 * <p>The library depends only on Jackson. Every type states its thread-safety; value types are
 * immutable records.
 */
package dev.keywarden.client;
