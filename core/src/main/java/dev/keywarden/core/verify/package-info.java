/**
 * Verification, the hot path: an in-memory cache of keys kept right by the change log, checks in a
 * fixed order, last use written behind.
 */
package dev.keywarden.core.verify;
