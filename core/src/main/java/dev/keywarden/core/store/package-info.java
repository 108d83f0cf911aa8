/**
 * JDBC storage on H2 and PostgreSQL: the connection pool, transactions bound to the thread, and one
 * store per table family. Blocking: never call from an event loop.
 */
package dev.keywarden.core.store;
