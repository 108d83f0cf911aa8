/**
 * What the server and the client library must agree on, kept once: the printable token format
 * ({@link dev.keywarden.verification.TokenFormat}), the verify codes and their order ({@link
 * dev.keywarden.verification.VerifyCode}), and the checks themselves ({@link
 * dev.keywarden.verification.KeyRules}). No dependencies beyond the JDK.
 */
package dev.keywarden.verification;
