package dev.keywarden.server.auth;

import dev.keywarden.verification.IpRange;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The address a request came from, for key IP allowlists, last use, login throttling and the audit
 * trail: the connection's peer, or — when the peer is a trusted proxy (a gateway in front of
 * Keywarden) — the client it names in {@code X-Real-IP}, else the last {@code X-Forwarded-For}
 * entry (the one that proxy appended). A header from any other peer is ignored, so a client cannot
 * choose its own address. Immutable and thread-safe.
 */
public final class ClientAddress {
  private final IpRange[] trustedProxies;

  /** Believes forwarding headers from these peers only. */
  public ClientAddress(List<IpRange> trustedProxies) {
    this.trustedProxies = trustedProxies.toArray(IpRange[]::new);
  }

  /** The client's address, or {@code null} when the connection has none (a Unix socket). */
  public String of(HttpServerRequest request) {
    var remote = request.remoteAddress();
    String peer = remote == null ? null : remote.hostAddress();
    if (peer == null || !trusts(peer)) {
      return peer;
    }
    String real = request.getHeader("X-Real-IP");
    if (real != null && !real.isBlank()) {
      return real.strip();
    }
    String forwarded = request.getHeader("X-Forwarded-For");
    if (forwarded != null && !forwarded.isBlank()) {
      return forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
    }
    return peer;
  }

  private boolean trusts(String peer) {
    for (IpRange range : trustedProxies) {
      if (range.contains(peer)) {
        return true;
      }
    }
    return false;
  }
}
