package dev.keywarden.verification;

/**
 * What a key reaches: every license, machine and pool of the account, or one license only. Written
 * {@code account} or {@code license:<id>}.
 */
public sealed interface Binding {

  /** The whole account. */
  Binding ACCOUNT = new AccountWide();

  /** Binding to one license. */
  static Binding license(long licenseId) {
    return new ToLicense(licenseId);
  }

  /** Whether this binding gives access to the given license. */
  boolean reaches(long licenseId);

  /** The license id, or {@code null} for the whole account. */
  Long licenseId();

  /** The wire form: {@code account} or {@code license:<id>}. */
  String text();

  /**
   * Parses the wire form; {@code null} or blank means the whole account.
   *
   * @throws IllegalArgumentException if the text is neither {@code account} nor {@code
   *     license:<id>}
   */
  static Binding parse(String text) {
    if (text == null || text.isBlank() || text.equals("account")) {
      return ACCOUNT;
    }
    if (text.startsWith("license:")) {
      try {
        long id = Long.parseLong(text.substring("license:".length()));
        if (id > 0) {
          return license(id);
        }
      } catch (NumberFormatException e) {
        // Falls through to the error below.
      }
    }
    throw new IllegalArgumentException("binding must be 'account' or 'license:<id>'");
  }

  /** The whole account. */
  record AccountWide() implements Binding {
    @Override
    public boolean reaches(long licenseId) {
      return true;
    }

    @Override
    public Long licenseId() {
      return null;
    }

    @Override
    public String text() {
      return "account";
    }
  }

  /** One license. */
  record ToLicense(long id) implements Binding {
    @Override
    public boolean reaches(long licenseId) {
      return id == licenseId;
    }

    @Override
    public Long licenseId() {
      return id;
    }

    @Override
    public String text() {
      return "license:" + id;
    }
  }
}
