package dev.keywarden.server.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keywarden.core.Caller;
import dev.keywarden.core.user.User;
import dev.keywarden.server.key.KeyViews;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of users, and of who is asking, in the API. */
public final class UserViews {
  private UserViews() {}

  /** A user of the account. */
  public record UserView(String username, String role, Instant createdAt) {}

  /** A user as listed. */
  public static UserView user(User user) {
    return new UserView(user.username(), user.role().name(), user.createdAt());
  }

  /**
   * Who is asking: {@code authentication} is {@code key} or {@code session}; {@code user} is absent
   * for a license key, which belongs to the account.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CurrentView(
      String account,
      String authentication,
      UserView user,
      String role,
      String accessId,
      List<String> scopes,
      String binding) {}

  /** The caller, and its user if it has one. */
  public static CurrentView current(Caller caller, User user) {
    return new CurrentView(
        caller.accountName(),
        caller.kind() == Caller.Kind.KEY ? "key" : "session",
        user == null ? null : user(user),
        caller.role().name(),
        caller.accessId(),
        KeyViews.scopeNames(caller.scopes()),
        caller.binding().text());
  }
}
