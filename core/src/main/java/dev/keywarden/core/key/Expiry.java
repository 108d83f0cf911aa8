package dev.keywarden.core.key;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * How expiration dates are written by people and clients: a date ({@code 2027-01-31}: the key stops
 * working at the start of that day, UTC) or an RFC 3339 timestamp.
 */
public final class Expiry {
  private Expiry() {}

  /** Parses an expiry, naming {@code field} in the error. */
  public static Instant parse(String text, String field) {
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw KeywardenException.invalid(
          ErrorCode.INVALID_EXPIRATION,
          field,
          field + " must be a date (YYYY-MM-DD) or an RFC 3339 timestamp");
    }
  }
}
