package dev.keywarden.server.license;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keywarden.core.license.License;
import dev.keywarden.server.key.KeyViews;
import java.time.Instant;

/** The JSON shape of a license in the API. */
public final class LicenseViews {
  private LicenseViews() {}

  /** A license; on creation, with its default key and that key's value. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LicenseView(
      long id, String name, String defaultPool, Instant createdAt, KeyViews.KeyView defaultKey) {}

  /** A license as listed. */
  public static LicenseView license(License license) {
    return license(license, null);
  }

  /** A license with its just-created default key. */
  public static LicenseView license(License license, KeyViews.KeyView defaultKey) {
    return new LicenseView(
        license.id(), license.name(), license.defaultPool(), license.createdAt(), defaultKey);
  }
}
