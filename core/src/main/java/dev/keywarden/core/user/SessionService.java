package dev.keywarden.core.user;

import dev.keywarden.core.key.SecretHash;
import dev.keywarden.core.store.JdbcSessionStore;
import dev.keywarden.core.store.JdbcUserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Portal sessions: a random 256-bit token in an {@code HttpOnly} cookie, stored only as its
 * SHA-256, with a per-session CSRF token. Thread-safe; blocking.
 */
public final class SessionService {
  /** How long a session lasts. */
  public static final Duration LIFETIME = Duration.ofHours(12);

  private final JdbcSessionStore sessions;
  private final JdbcUserStore users;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** Wires the service. */
  public SessionService(JdbcSessionStore sessions, JdbcUserStore users, Clock clock) {
    this.sessions = sessions;
    this.users = users;
    this.clock = clock;
  }

  /** A live session: its user and CSRF token. {@link #toString()} hides the token. */
  public record Session(User user, String csrfToken) {
    @Override
    public String toString() {
      return "Session[user=" + user.username() + "]";
    }
  }

  /** A new session's cookie token and its session. */
  public record Opened(String token, Session session) {
    @Override
    public String toString() {
      return "Opened[" + session + "]";
    }
  }

  /** Opens a session for a user who has just logged in. */
  public Opened open(User user) {
    String token = randomToken();
    String csrf = randomToken();
    Instant now = clock.instant();
    sessions.insert(SecretHash.hex(token), user.id(), csrf, now, now.plus(LIFETIME));
    return new Opened(token, new Session(user, csrf));
  }

  /** The live session of a cookie token. */
  public Optional<Session> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return sessions
        .find(SecretHash.hex(token))
        .filter(row -> now.isBefore(row.expiresAt()))
        .flatMap(
            row -> users.findById(row.userId()).map(user -> new Session(user, row.csrfToken())));
  }

  /** Ends a session. */
  public void close(String token) {
    if (token != null) {
      sessions.delete(SecretHash.hex(token), clock.instant());
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
