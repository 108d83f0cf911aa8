package dev.keywarden.server.user;

import dev.keywarden.core.Caller;
import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.core.user.UserService;
import dev.keywarden.server.http.Body;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Users of the account, and who the caller is. */
public final class UserRoutes {
  private final UserService users;

  /** The operations over the user service. */
  public UserRoutes(UserService users) {
    this.users = users;
  }

  public List<UserViews.UserView> list(RoutingContext context, Caller caller) {
    return users.list(caller).stream().map(UserViews::user).toList();
  }

  public UserViews.UserView create(RoutingContext context, Caller caller) {
    Body body = Body.of(context);
    String username = body.requiredString("username");
    String password = body.requiredString("password");
    Role role = role(body.string("role"));
    return UserViews.user(users.create(caller, username, password, role));
  }

  public Object delete(RoutingContext context, Caller caller) {
    users.delete(caller, context.pathParam("username"));
    return null;
  }

  /** Who is asking: the account, the user (if any) and, for a key, its scopes and binding. */
  public UserViews.CurrentView current(RoutingContext context, Caller caller) {
    User user = caller.userId() == null ? null : users.current(caller);
    return UserViews.current(caller, user);
  }

  private static Role role(String text) {
    if (text == null) {
      return Role.member;
    }
    for (Role role : Role.values()) {
      if (role.name().equals(text)) {
        return role;
      }
    }
    throw KeywardenException.invalid(
        ErrorCode.INVALID_INPUT, "role", "role must be 'member' or 'admin'");
  }
}
