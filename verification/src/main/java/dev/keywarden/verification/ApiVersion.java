package dev.keywarden.verification;

/** Which API a key works with: every new key is {@code v2}; imported legacy keys are {@code v1}. */
public enum ApiVersion {
  v1,
  v2
}
