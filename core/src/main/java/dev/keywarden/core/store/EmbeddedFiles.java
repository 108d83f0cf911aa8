package dev.keywarden.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;

/**
 * The embedded store's folder, kept to its owner: the folder 0700, its files 0600, and the database
 * password generated once into {@code db.password}. Where the file system has no POSIX permissions
 * the modes are left as they are.
 */
final class EmbeddedFiles {
  static final String PASSWORD_FILE = "db.password";
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  /** H2's "wrong user name or password". */
  private static final int WRONG_PASSWORD = 28000;

  private EmbeddedFiles() {}

  /** Creates the folder owner-only, or makes an existing one so. */
  static void ownerOnlyFolder(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        setMode(dir, FOLDER);
      } else {
        try {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (UnsupportedOperationException notPosix) {
          Files.createDirectories(dir);
        }
        setMode(dir, FOLDER); // the umask may have narrowed the requested mode; never widened it
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data folder " + dir, e);
    }
  }

  /** Makes every regular file directly in the folder owner-only (0600). */
  static void ownerOnlyFiles(Path dir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        if (Files.isRegularFile(file)) {
          setMode(file, FILE);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot restrict the files of the data folder " + dir, e);
    }
  }

  /** The database password kept in the folder, generated (owner-only) on first use. */
  static String password(Path dir) {
    Path file = dir.resolve(PASSWORD_FILE);
    try {
      if (!Files.exists(file)) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String created = HexFormat.of().formatHex(random);
        try {
          try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
          } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
          }
          Files.writeString(file, created + "\n", StandardCharsets.US_ASCII);
          return created;
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first: read theirs below.
        }
      }
      setMode(file, FILE);
      String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (password.isEmpty()) {
        throw new IllegalStateException("The database password file " + file + " is empty");
      }
      return password;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the database password " + file, e);
    }
  }

  /**
   * Gives a store made before it had a password (user {@code sa}, empty password) this one. Does
   * nothing for a new store (H2 creates it with the password given) or one that has it already.
   */
  static void setPasswordOfOpenStore(String url, String password) {
    try {
      DriverManager.getConnection(url, "sa", password).close();
      return; // new, or already migrated
    } catch (SQLException e) {
      if (e.getErrorCode() != WRONG_PASSWORD) {
        return; // let the pool report it
      }
    }
    try (Connection old = DriverManager.getConnection(url, "sa", "");
        Statement statement = old.createStatement()) {
      statement.execute("ALTER USER SA SET PASSWORD '" + password.replace("'", "''") + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The embedded database refuses the password in "
              + PASSWORD_FILE
              + " of its folder: restore that file from the backup of this folder",
          e);
    }
  }

  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    try {
      Files.setPosixFilePermissions(path, mode);
    } catch (UnsupportedOperationException notPosix) {
      // No POSIX modes on this file system.
    }
  }
}
