/** The audit trail: who changed what, when and from where; never a secret. */
package dev.keywarden.core.audit;
