/** Accounts (tenants) and their key policy. */
package dev.keywarden.core.account;
