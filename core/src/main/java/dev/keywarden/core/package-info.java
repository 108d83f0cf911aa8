/**
 * The domain of Keywarden: who calls ({@link dev.keywarden.core.Caller}), the error family ({@link
 * dev.keywarden.core.KeywardenException}) and the services holder ({@link
 * dev.keywarden.core.Keywarden}). Plain Java: no web framework; the server, command line and client
 * are adapters.
 */
package dev.keywarden.core;
