package dev.keywarden.server.verify;

import dev.keywarden.core.ErrorCode;
import dev.keywarden.core.KeywardenException;
import dev.keywarden.verification.ApiVersion;
import dev.keywarden.verification.Scope;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What a gateway's auth URL requires of the keys it forwards: {@code
 * scopes=Tasks,Session&license_id=7&api_version=v2&gateway=nginx}, configured once in the gateway.
 * A malformed query is kept as its problem, answered on every request. Immutable.
 *
 * @param onlyAuthStatuses {@code gateway=nginx}: refusals that nginx's {@code auth_request} cannot
 *     pass on (429, 503) answer 403 with their code in {@code X-Keywarden-Code}
 * @param problem why the query cannot be used, or {@code null}
 */
record GatewayRule(
    Set<Scope> scopes,
    Long licenseId,
    ApiVersion apiVersion,
    boolean onlyAuthStatuses,
    KeywardenException problem) {
  static final GatewayRule NONE = new GatewayRule(Set.of(), null, ApiVersion.v2, false, null);

  /** Parses a query string; never throws. */
  static GatewayRule parse(String query) {
    if (query == null || query.isEmpty()) {
      return NONE;
    }
    try {
      Set<Scope> scopes = Set.of();
      Long licenseId = null;
      ApiVersion version = ApiVersion.v2;
      boolean onlyAuthStatuses = false;
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value =
            equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        switch (name) {
          case "scopes" -> scopes = VerifyRequest.parseScopes(value, "scopes");
          case "license_id" -> licenseId = licenseId(value);
          case "api_version" -> version = VerifyRequest.apiVersion(value, "api_version");
          case "gateway" -> onlyAuthStatuses = gateway(value);
          case "" -> {}
          default ->
              throw KeywardenException.invalid(
                  ErrorCode.INVALID_INPUT,
                  name,
                  "Unknown parameter '"
                      + name
                      + "': forward auth takes scopes, license_id, api_version and gateway; keys go in"
                      + " headers");
        }
      }
      return new GatewayRule(scopes, licenseId, version, onlyAuthStatuses, null);
    } catch (KeywardenException e) {
      return new GatewayRule(Set.of(), null, ApiVersion.v2, false, e);
    } catch (IllegalArgumentException e) {
      return new GatewayRule(
          Set.of(),
          null,
          ApiVersion.v2,
          false,
          KeywardenException.of(ErrorCode.MALFORMED_REQUEST, "The query is malformed"));
    }
  }

  private static boolean gateway(String value) {
    if (value.strip().equals("nginx")) {
      return true;
    }
    throw KeywardenException.invalid(
        ErrorCode.INVALID_INPUT,
        "gateway",
        "gateway must be nginx (its auth_request passes on only 401 and 403); other gateways need"
            + " no parameter");
  }

  private static Long licenseId(String value) {
    try {
      long id = Long.parseLong(value.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Falls through to the error below.
    }
    throw KeywardenException.invalid(
        ErrorCode.INVALID_INPUT, "license_id", "license_id must be a positive whole number");
  }
}
