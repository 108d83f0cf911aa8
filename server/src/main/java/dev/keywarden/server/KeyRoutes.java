package dev.keywarden.server;

import dev.keywarden.core.Caller;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.core.key.KeyService;
import dev.keywarden.core.key.NewKey;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The caller's own API keys (the seed's user-manager endpoints and the deprecated ones) and, for
 * administrators, every key of the account.
 */
final class KeyRoutes {
  private final KeyService keys;

  KeyRoutes(KeyService keys) {
    this.keys = keys;
  }

  List<Views.KeyView> list(RoutingContext context, Caller caller) {
    return keys.listOwn(caller).stream().map(Views::key).toList();
  }

  Views.KeyView create(RoutingContext context, Caller caller) {
    return Views.created(keys.createOwn(caller, newKey(Body.of(context))));
  }

  Object delete(RoutingContext context, Caller caller) {
    keys.deleteOwn(caller, context.pathParam("name"));
    return null;
  }

  Views.KeyView regenerate(RoutingContext context, Caller caller) {
    Body body = Body.optional(context);
    return Views.created(
        keys.regenerateOwn(
            caller, context.pathParam("name"), body.seconds("grace_period_seconds")));
  }

  Views.KeyView setEnabled(RoutingContext context, Caller caller) {
    boolean enabled = Body.of(context).requiredBoolean("enabled");
    return Views.key(keys.setEnabledOwn(caller, context.pathParam("name"), enabled));
  }

  List<Views.KeyView> listAccount(RoutingContext context, Caller caller) {
    return keys.listAccount(caller).stream().map(Views::key).toList();
  }

  /** Reads a create request: {@code name}, {@code expiration_date}, {@code scopes}, and more. */
  static NewKey newKey(Body body) {
    String binding = body.string("binding");
    return new NewKey(
        body.requiredString("name"),
        body.scopes("scopes"),
        body.expiry("expiration_date"),
        binding == null ? null : KeyInputs.binding(binding),
        body.string("description"),
        body.strings("allowed_ips"),
        body.integer("rate_limit_per_minute"));
  }
}
