package dev.keywarden.server;

import java.util.Objects;

/**
 * Where operators reach the server apart from its users: the management listener ({@code /healthz},
 * {@code /readyz}, {@code /metrics}), and whether each request is written to the access log.
 * Immutable.
 *
 * @param host the address the management listener binds (loopback by default)
 * @param port its port (0 picks a free one)
 * @param accessLog whether each request of the public port is logged to {@code
 *     dev.keywarden.access}
 */
public record Management(String host, int port, boolean accessLog) {
  /** Checks the parts. */
  public Management {
    Objects.requireNonNull(host, "null host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /** Loopback, a free port, the access log on. */
  public static Management loopback() {
    return new Management("127.0.0.1", 0, true);
  }
}
