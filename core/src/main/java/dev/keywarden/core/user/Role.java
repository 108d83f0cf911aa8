package dev.keywarden.core.user;

/** A user's role in its account. */
public enum Role {
  member,
  admin
}
