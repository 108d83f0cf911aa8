/** The master key and authenticated encryption of recoverable secrets. */
package dev.keywarden.core.crypto;
