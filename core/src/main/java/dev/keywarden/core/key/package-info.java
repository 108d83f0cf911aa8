/**
 * API keys: the token format, secret hashing, scopes, bindings and the key service that enforces
 * every rule of their life cycle.
 */
package dev.keywarden.core.key;
