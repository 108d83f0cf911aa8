package dev.keywarden.server;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.Keywarden;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.license.LicenseFile;
import dev.keywarden.core.license.LicenseService;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Licenses, their keys and their license files. */
final class LicenseRoutes {
  private final Keywarden keywarden;
  private final ServerConfig config;

  LicenseRoutes(Keywarden keywarden, ServerConfig config) {
    this.keywarden = keywarden;
    this.config = config;
  }

  List<Views.LicenseView> list(RoutingContext context, Caller caller) {
    return keywarden.licenses().list(caller).stream().map(Views::license).toList();
  }

  Views.LicenseView get(RoutingContext context, Caller caller) {
    return Views.license(keywarden.licenses().get(caller, licenseId(context)));
  }

  Views.LicenseView create(RoutingContext context, Caller caller) {
    String name = Body.of(context).requiredString("name");
    LicenseService.Created created = keywarden.licenses().create(caller, name);
    return Views.license(created.license(), Views.created(created.defaultKey()));
  }

  Api.Download licenseFile(RoutingContext context, Caller caller) {
    String text = keywarden.licenses().licenseFile(caller, licenseId(context), cloudHost(context));
    return new Api.Download(LicenseFile.FILE_NAME, "text/plain; charset=utf-8", text);
  }

  List<Views.KeyView> listKeys(RoutingContext context, Caller caller) {
    return keywarden.keys().listForLicense(caller, licenseId(context)).stream()
        .map(Views::key)
        .toList();
  }

  Views.KeyView createKey(RoutingContext context, Caller caller) {
    return Views.created(
        keywarden
            .keys()
            .createForLicense(caller, licenseId(context), KeyRoutes.newKey(Body.of(context))));
  }

  Object deleteKey(RoutingContext context, Caller caller) {
    keywarden.keys().deleteForLicense(caller, licenseId(context), context.pathParam("name"));
    return null;
  }

  Views.KeyView regenerateKey(RoutingContext context, Caller caller) {
    long licenseId = licenseId(context);
    Body body = Body.optional(context);
    return Views.created(
        keywarden
            .keys()
            .regenerateForLicense(
                caller,
                licenseId,
                context.pathParam("name"),
                body.seconds("grace_period_seconds")));
  }

  Views.KeyView setKeyEnabled(RoutingContext context, Caller caller) {
    long licenseId = licenseId(context);
    boolean enabled = Body.of(context).requiredBoolean("enabled");
    return Views.key(
        keywarden
            .keys()
            .setEnabledForLicense(caller, licenseId, context.pathParam("name"), enabled));
  }

  /**
   * The {@code CLOUDHOST} of license files: configured, or else the host the request named, with
   * the {@code /a/<account>} prefix when the account was addressed by path (so that client tools
   * reach the same account).
   */
  private String cloudHost(RoutingContext context) {
    if (config.cloudHost() != null) {
      return config.cloudHost();
    }
    var authority = context.request().authority();
    String host = authority != null ? authority.toString() : context.request().getHeader("Host");
    String account = context.pathParam("account");
    return account == null ? host : host + "/a/" + account;
  }

  /** The license id in the path; anything but a positive number is no license at all. */
  static long licenseId(RoutingContext context) {
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
