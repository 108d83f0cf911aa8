package dev.keywarden.server.key;

import dev.keywarden.core.Caller;
import dev.keywarden.core.key.KeyInputs;
import dev.keywarden.core.key.KeyService;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.server.http.Body;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The caller's own API keys (the seed's user-manager endpoints and the deprecated ones) and, for
 * administrators, every key of the account.
 */
public final class KeyRoutes {
  private final KeyService keys;

  /** The operations over the key service. */
  public KeyRoutes(KeyService keys) {
    this.keys = keys;
  }

  /** The scopes a key can carry. */
  public List<KeyViews.ScopeView> scopes(RoutingContext context, Caller caller) {
    return KeyViews.scopes();
  }

  public List<KeyViews.KeyView> list(RoutingContext context, Caller caller) {
    return keys.listOwn(caller).stream().map(KeyViews::key).toList();
  }

  public KeyViews.KeyView create(RoutingContext context, Caller caller) {
    return KeyViews.created(keys.createOwn(caller, newKey(Body.of(context))));
  }

  public Object delete(RoutingContext context, Caller caller) {
    keys.deleteOwn(caller, context.pathParam("name"));
    return null;
  }

  public KeyViews.KeyView regenerate(RoutingContext context, Caller caller) {
    Body body = Body.optional(context);
    return KeyViews.created(
        keys.regenerateOwn(
            caller, context.pathParam("name"), body.seconds("grace_period_seconds")));
  }

  public KeyViews.KeyView setEnabled(RoutingContext context, Caller caller) {
    boolean enabled = Body.of(context).requiredBoolean("enabled");
    return KeyViews.key(keys.setEnabledOwn(caller, context.pathParam("name"), enabled));
  }

  public List<KeyViews.KeyView> listAccount(RoutingContext context, Caller caller) {
    return keys.listAccount(caller).stream().map(KeyViews::key).toList();
  }

  /** Reads a create request: {@code name}, {@code expiration_date}, {@code scopes}, and more. */
  public static NewKey newKey(Body body) {
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
