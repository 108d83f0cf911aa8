package dev.keywarden.server.license;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.key.KeyService;
import dev.keywarden.core.license.LicenseFile;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.server.http.Body;
import dev.keywarden.server.http.Endpoint;
import dev.keywarden.server.key.KeyRoutes;
import dev.keywarden.server.key.KeyViews;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Licenses, their keys and their license files. */
public final class LicenseRoutes {
  private final LicenseService licenses;
  private final KeyService keys;
  private final String cloudHost;

  /**
   * The operations over licenses and their keys.
   *
   * @param cloudHost the {@code CLOUDHOST} of license files, or {@code null} for the request's host
   */
  public LicenseRoutes(LicenseService licenses, KeyService keys, String cloudHost) {
    this.licenses = licenses;
    this.keys = keys;
    this.cloudHost = cloudHost;
  }

  public List<LicenseViews.LicenseView> list(RoutingContext context, Caller caller) {
    return licenses.list(caller).stream().map(LicenseViews::license).toList();
  }

  public LicenseViews.LicenseView get(RoutingContext context, Caller caller) {
    return LicenseViews.license(licenses.get(caller, licenseId(context)));
  }

  public LicenseViews.LicenseView create(RoutingContext context, Caller caller) {
    String name = Body.of(context).requiredString("name");
    LicenseService.Created created = licenses.create(caller, name);
    return LicenseViews.license(created.license(), KeyViews.created(created.defaultKey()));
  }

  public Endpoint.Download licenseFile(RoutingContext context, Caller caller) {
    String text = licenses.licenseFile(caller, licenseId(context), cloudHost(context));
    return new Endpoint.Download(LicenseFile.FILE_NAME, "text/plain; charset=utf-8", text);
  }

  public List<KeyViews.KeyView> listKeys(RoutingContext context, Caller caller) {
    return keys.listForLicense(caller, licenseId(context)).stream().map(KeyViews::key).toList();
  }

  public KeyViews.KeyView createKey(RoutingContext context, Caller caller) {
    return KeyViews.created(
        keys.createForLicense(caller, licenseId(context), KeyRoutes.newKey(Body.of(context))));
  }

  public Object deleteKey(RoutingContext context, Caller caller) {
    keys.deleteForLicense(caller, licenseId(context), context.pathParam("name"));
    return null;
  }

  public KeyViews.KeyView regenerateKey(RoutingContext context, Caller caller) {
    long licenseId = licenseId(context);
    Body body = Body.optional(context);
    return KeyViews.created(
        keys.regenerateForLicense(
            caller, licenseId, context.pathParam("name"), body.seconds("grace_period_seconds")));
  }

  public KeyViews.KeyView setKeyEnabled(RoutingContext context, Caller caller) {
    long licenseId = licenseId(context);
    boolean enabled = Body.of(context).requiredBoolean("enabled");
    return KeyViews.key(
        keys.setEnabledForLicense(caller, licenseId, context.pathParam("name"), enabled));
  }

  /**
   * The {@code CLOUDHOST} of license files: configured, or else the host the request named, with
   * the {@code /a/<account>} prefix when the account was addressed by path (so that client tools
   * reach the same account).
   */
  private String cloudHost(RoutingContext context) {
    if (cloudHost != null) {
      return cloudHost;
    }
    var authority = context.request().authority();
    String host = authority != null ? authority.toString() : context.request().getHeader("Host");
    String account = context.pathParam("account");
    return account == null ? host : host + "/a/" + account;
  }

  /** The license id in the path; anything but a positive number is no license at all. */
  private static long licenseId(RoutingContext context) {
    String text = context.pathParam("license_id");
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Answered as an unknown license below.
    }
    throw KeywardenException.of(ErrorCode.LICENSE_NOT_FOUND, "No such license");
  }
}
