/** Users, passwords (Argon2id), logins with throttling, and portal sessions. */
package dev.keywarden.core.user;
