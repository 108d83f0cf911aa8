package dev.keywarden.server;

import dev.keywarden.server.auth.CredentialHeaders;
import dev.keywarden.verification.IpRange;
import java.util.List;
import java.util.Objects;

/**
 * How the HTTP server listens and reads requests. Immutable.
 *
 * @param host the address to bind
 * @param port the port to bind (0 picks a free one)
 * @param baseDomain accounts are addressed as {@code <account>.<baseDomain>}
 * @param cloudHost the {@code CLOUDHOST} written into license files, or {@code null} to use the
 *     request's host
 * @param headers the names of the credential headers
 * @param bodyLimitBytes the largest request body accepted
 * @param trustedProxies the peers (gateways) whose {@code X-Real-IP} / {@code X-Forwarded-For} are
 *     believed for the client's address (IP allowlists, last use, audit); loopback by default
 * @param defaultAccount the account a request naming none is meant for (the one created on first
 *     start), or {@code null}
 */
public record ServerConfig(
    String host,
    int port,
    String baseDomain,
    String cloudHost,
    CredentialHeaders headers,
    long bodyLimitBytes,
    List<IpRange> trustedProxies,
    String defaultAccount) {

  /** Only this machine: a gateway on the same host. */
  public static final List<IpRange> LOOPBACK =
      List.of(IpRange.parse("127.0.0.0/8"), IpRange.parse("::1/128"));

  /** Checks the required parts. */
  public ServerConfig {
    Objects.requireNonNull(host, "null host");
    Objects.requireNonNull(baseDomain, "null baseDomain");
    Objects.requireNonNull(headers, "null headers");
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** A config without a default account. */
  public ServerConfig(
      String host,
      int port,
      String baseDomain,
      String cloudHost,
      CredentialHeaders headers,
      long bodyLimitBytes,
      List<IpRange> trustedProxies) {
    this(host, port, baseDomain, cloudHost, headers, bodyLimitBytes, trustedProxies, null);
  }

  /** This config naming the account a request naming none is meant for. */
  public ServerConfig withDefaultAccount(String account) {
    return new ServerConfig(
        host, port, baseDomain, cloudHost, headers, bodyLimitBytes, trustedProxies, account);
  }

  /** A config trusting forwarded addresses from loopback peers only. */
  public ServerConfig(
      String host,
      int port,
      String baseDomain,
      String cloudHost,
      CredentialHeaders headers,
      long bodyLimitBytes) {
    this(host, port, baseDomain, cloudHost, headers, bodyLimitBytes, LOOPBACK);
  }

  /** This config trusting other proxies' forwarding headers. */
  public ServerConfig withTrustedProxies(List<IpRange> proxies) {
    return new ServerConfig(
        host, port, baseDomain, cloudHost, headers, bodyLimitBytes, proxies, defaultAccount);
  }

  /** Listening on all interfaces at a port, accounts under {@code localhost}. */
  public static ServerConfig defaults(int port) {
    return new ServerConfig(
        "0.0.0.0", port, "localhost", null, CredentialHeaders.DEFAULT, 64 * 1024);
  }

  /** This config bound to another address. */
  public ServerConfig withHost(String address) {
    return new ServerConfig(
        address,
        port,
        baseDomain,
        cloudHost,
        headers,
        bodyLimitBytes,
        trustedProxies,
        defaultAccount);
  }

  /** This config writing another {@code CLOUDHOST} into license files. */
  public ServerConfig withCloudHost(String host) {
    return new ServerConfig(
        this.host, port, baseDomain, host, headers, bodyLimitBytes, trustedProxies, defaultAccount);
  }

  /** This config with another request body limit. */
  public ServerConfig withBodyLimitBytes(long limit) {
    return new ServerConfig(
        host, port, baseDomain, cloudHost, headers, limit, trustedProxies, defaultAccount);
  }

  /** This config with another base domain. */
  public ServerConfig withBaseDomain(String domain) {
    return new ServerConfig(
        host, port, domain, cloudHost, headers, bodyLimitBytes, trustedProxies, defaultAccount);
  }

  /** This config with other credential header names. */
  public ServerConfig withHeaders(CredentialHeaders other) {
    return new ServerConfig(
        host, port, baseDomain, cloudHost, other, bodyLimitBytes, trustedProxies, defaultAccount);
  }
}
