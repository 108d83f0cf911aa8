package dev.keywarden.core.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The 256-bit key under which recoverable secrets are encrypted. Configured as base64 in {@code
 * KEYWARDEN_MASTER_KEY}; on the embedded database it is generated on first start and kept in the
 * data folder, readable by its owner only. {@link #toString()} never shows it.
 */
public final class MasterKey {
  /** The environment variable that carries the master key. */
  public static final String ENVIRONMENT_VARIABLE = "KEYWARDEN_MASTER_KEY";

  private static final String FILE_NAME = "master.key";
  private final byte[] bytes;

  private MasterKey(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("The master key must be 32 bytes (base64, 44 characters)");
    }
    this.bytes = bytes.clone();
  }

  /** Decodes a base64 master key. */
  public static MasterKey fromBase64(String text) {
    try {
      return new MasterKey(Base64.getDecoder().decode(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The master key must be 32 bytes of base64 (44 characters)", null);
    }
  }

  /** A new random master key. */
  public static MasterKey generate() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return new MasterKey(bytes);
  }

  /** The master key kept in {@code dataDir}, created there (owner-only permissions) if missing. */
  public static MasterKey inDataFolder(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        MasterKey created = generate();
        try {
          Files.createFile(
              file,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, created.toBase64() + "\n", StandardCharsets.US_ASCII);
          return created;
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first: read theirs below.
        } catch (UnsupportedOperationException notPosix) {
          Files.writeString(file, created.toBase64() + "\n", StandardCharsets.US_ASCII);
          return created;
        }
      }
      return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
    }
  }

  byte[] bytes() {
    return bytes.clone();
  }

  private String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MasterKey that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "MasterKey[***]";
  }
}
