package dev.keywarden.core.license;

import java.time.Instant;

/**
 * The license file client tools read: {@code PROPERTY=value} lines and {@code #} comments. It
 * carries {@code CLOUDACCESSID}, {@code CLOUDKEY} (the secret), {@code LICENSEID}, {@code
 * CLOUDPOOL} and {@code CLOUDHOST}. Readers also accept {@code CLOUDSECRETKEY} for {@code
 * CLOUDKEY}.
 */
public final class LicenseFile {
  /** The file name client tools look for. */
  public static final String FILE_NAME = "keywarden.lic";

  private LicenseFile() {}

  /** The file's text. */
  public static String write(
      License license, String accessId, String secret, String cloudHost, Instant generatedAt) {
    return "# Keywarden license file for license "
        + license.id()
        + " ("
        + oneLine(license.name())
        + ")\n"
        + "# Generated "
        + generatedAt
        + ". Keep it private: it holds the secret of the license's default key.\n"
        + "# Place it in your home directory, or in /opt/keywarden/ (Linux),\n"
        + "# C:\\keywarden\\ (Windows) or /Library/keywarden/ (macOS), or point\n"
        + "# KEYWARDEN_LICENSE_FILE at it.\n"
        + "CLOUDACCESSID="
        + accessId
        + "\n"
        + "CLOUDKEY="
        + secret
        + "\n"
        + "LICENSEID="
        + license.id()
        + "\n"
        + "CLOUDPOOL="
        + license.defaultPool()
        + "\n"
        + "CLOUDHOST="
        + cloudHost
        + "\n";
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]", " ");
  }
}
