package dev.keywarden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keywarden.core.key.CreatedKey;
import dev.keywarden.core.key.NewKey;
import dev.keywarden.core.license.LicenseService;
import dev.keywarden.core.testing.Fixture;
import dev.keywarden.core.testing.TestDatabases;
import dev.keywarden.core.user.Role;
import dev.keywarden.core.user.User;
import dev.keywarden.verification.Scope;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST …/verify} and {@code GET …/forward-auth} through the real server. */
class VerifyRoutesTest {
  private Fixture fixture;
  private VerifyTestServer server;
  private User bob;
  private String platform;
  private CreatedKey bobsKey;

  @BeforeEach
  void start() {
    fixture = Fixture.create(TestDatabases.h2());
    server = VerifyTestServer.start(fixture.keywarden);
    bob = fixture.user("bob", Role.member);
    platform = fixture.key(fixture.admin, "platform", Scope.APIKey).token();
    bobsKey = fixture.key(bob, "ci", Scope.Tasks, Scope.Session);
  }

  @AfterEach
  void stop() {
    server.close();
    fixture.close();
  }

  private JsonNode verify(String body) {
    HttpResponse<String> response = server.verify("acme", platform, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return dev.keywarden.server.http.Json.MAPPER.readTree(response.body());
  }

  private JsonNode verifyToken(String token, String extra) {
    return verify("{\"key\":\"" + token + "\"" + extra + "}");
  }

  private static NewKey request(String name, Scope... scopes) {
    return NewKey.of(name, EnumSet.copyOf(List.of(scopes)));
  }

  // ---- POST …/verify: every code ----

  @Test
  void verify_validKey_answersValidWithIdentity() {
    JsonNode answer = verifyToken(bobsKey.token(), ",\"scopes\":[\"Tasks\"]");

    assertThat(answer.get("valid").asBoolean()).isTrue();
    assertThat(answer.get("code").asString()).isEqualTo("VALID");
    assertThat(answer.get("access_id").asString()).isEqualTo(bobsKey.key().accessId());
    assertThat(answer.get("account").asString()).isEqualTo("acme");
    assertThat(answer.get("owner").asString()).isEqualTo("bob");
    assertThat(answer.get("name").asString()).isEqualTo("ci");
    assertThat(answer.get("scopes").toString()).isEqualTo("[\"Tasks\",\"Session\"]");
    assertThat(answer.get("binding").asString()).isEqualTo("account");
    assertThat(answer.get("api_version").asString()).isEqualTo("v2");
    assertThat(java.time.Instant.parse(answer.get("expires_at").asString()))
        .isEqualTo(bobsKey.key().expiresAt());
    assertThat(answer.toString()).doesNotContain(bobsKey.secret());
  }

  @Test
  void verify_twoPartCredential_isValid() {
    JsonNode answer =
        verify(
            "{\"access_id\":\""
                + bobsKey.key().accessId()
                + "\",\"secret\":\""
                + bobsKey.secret()
                + "\",\"unknown\":{\"nested\":[1,2]}}");

    assertThat(answer.get("code").asString()).isEqualTo("VALID");
  }

  @Test
  void verify_cachedKey_answersTheSameFromMemory() {
    verifyToken(bobsKey.token(), "");
    long cached = fixture.keywarden.verifier().cachedKeys();

    JsonNode again = verifyToken(bobsKey.token(), "");

    assertThat(again.get("code").asString()).isEqualTo("VALID");
    assertThat(fixture.keywarden.verifier().cachedKeys()).isEqualTo(cached);
  }

  @Test
  void verify_unknownWrongOrMalformed_isNotFoundWithoutIdentity() {
    String wrongSecret =
        dev.keywarden.verification.TokenFormat.format(
            bobsKey.key().accessId(), "x".repeat(bobsKey.secret().length()));
    String unknown =
        dev.keywarden.verification.TokenFormat.format("0123456789abcdef", bobsKey.secret());
    String badChecksum = bobsKey.token().substring(0, bobsKey.token().length() - 1) + "!";

    for (String token : List.of(wrongSecret, unknown, badChecksum, "nonsense")) {
      JsonNode answer = verifyToken(token, "");
      assertThat(answer.get("valid").asBoolean()).isFalse();
      assertThat(answer.get("code").asString()).isEqualTo("NOT_FOUND");
      assertThat(answer.has("access_id")).as(token).isFalse();
    }
  }

  @Test
  void verify_keyOfAnotherAccount_isWrongAccountWithoutIdentity() {
    fixture.otherAccount("globex");
    var globexOperator =
        dev.keywarden.core.Caller.operator(
            fixture.keywarden.accounts().require("globex").id(), "globex");
    CreatedKey foreign =
        fixture.keywarden.keys().createForUser(globexOperator, "admin", request("x", Scope.Tasks));

    JsonNode answer = verifyToken(foreign.token(), "");

    assertThat(answer.get("code").asString()).isEqualTo("WRONG_ACCOUNT");
    assertThat(answer.has("access_id")).isFalse();
    assertThat(answer.has("owner")).isFalse();
  }

  @Test
  void verify_expiredKey_isExpired() {
    CreatedKey soon =
        fixture
            .keywarden
            .keys()
            .createForUser(
                fixture.operator(),
                "bob",
                request("soon", Scope.Tasks)
                    .withExpiresAt(fixture.clock.instant().plusSeconds(60)));
    fixture.clock.advance(Duration.ofMinutes(2));

    JsonNode answer = verifyToken(soon.token(), "");

    assertThat(answer.get("code").asString()).isEqualTo("EXPIRED");
    assertThat(answer.get("access_id").asString()).isEqualTo(soon.key().accessId());
  }

  @Test
  void verify_disabledKey_isDisabled() {
    fixture.keywarden.keys().setEnabledOwn(fixture.session(bob), "ci", false);

    assertThat(verifyToken(bobsKey.token(), "").get("code").asString()).isEqualTo("DISABLED");
  }

  @Test
  void verify_legacyKey_isWrongApiVersion_unlessV1IsAsked() {
    String secret = "legacy-secret-0123456789";
    fixture
        .keywarden
        .keys()
        .importLegacy(
            fixture.operator(), "bob", "old", "legacy0001", secret, request("old", Scope.Tasks));
    String body = "{\"access_id\":\"legacy0001\",\"secret\":\"" + secret + "\"";

    assertThat(verify(body + "}").get("code").asString()).isEqualTo("WRONG_API_VERSION");
    assertThat(verify(body + ",\"api_version\":\"v1\"}").get("code").asString()).isEqualTo("VALID");
  }

  @Test
  void verify_clientOutsideAllowedIps_isIpNotAllowed() {
    CreatedKey office = officeKey();

    assertThat(verifyToken(office.token(), ",\"client_ip\":\"192.168.1.9\"").get("code").asString())
        .isEqualTo("IP_NOT_ALLOWED");
    assertThat(verifyToken(office.token(), ",\"client_ip\":\"10.1.2.3\"").get("code").asString())
        .isEqualTo("VALID");
  }

  @Test
  void verify_missingScope_isInsufficientScope() {
    assertThat(
            verifyToken(bobsKey.token(), ",\"scopes\":[\"Tasks\",\"Secret\"]")
                .get("code")
                .asString())
        .isEqualTo("INSUFFICIENT_SCOPE");
    assertThat(verifyToken(bobsKey.token(), ",\"scopes\":\"Tasks,Session\"").get("code").asString())
        .isEqualTo("VALID");
  }

  @Test
  void verify_otherLicense_isWrongLicense() {
    LicenseService.Created first = fixture.license("first");
    LicenseService.Created second = fixture.license("second");
    String token = first.defaultKey().token();

    assertThat(
            verifyToken(token, ",\"license_id\":" + second.license().id()).get("code").asString())
        .isEqualTo("WRONG_LICENSE");
    JsonNode own = verifyToken(token, ",\"license_id\":\"" + first.license().id() + "\"");
    assertThat(own.get("code").asString()).isEqualTo("VALID");
    assertThat(own.get("binding").asString()).isEqualTo("license:" + first.license().id());
    assertThat(own.get("owner").isNull()).isTrue();
  }

  @Test
  void verify_overTheRateLimit_isRateLimited() {
    CreatedKey limited =
        fixture
            .keywarden
            .keys()
            .createForUser(
                fixture.operator(),
                "bob",
                new NewKey("limited", EnumSet.of(Scope.Tasks), null, null, null, List.of(), 2));

    assertThat(verifyToken(limited.token(), "").get("code").asString()).isEqualTo("VALID");
    assertThat(verifyToken(limited.token(), "").get("code").asString()).isEqualTo("VALID");
    JsonNode third = verifyToken(limited.token(), "");
    assertThat(third.get("code").asString()).isEqualTo("RATE_LIMITED");
    assertThat(third.get("retry_after_seconds").asInt()).isBetween(1, 60);
  }

  @Test
  void verify_deletedKey_isNotFoundAtOnce() {
    assertThat(verifyToken(bobsKey.token(), "").get("code").asString()).isEqualTo("VALID");

    fixture.keywarden.keys().deleteOwn(fixture.session(bob), "ci");

    assertThat(verifyToken(bobsKey.token(), "").get("code").asString()).isEqualTo("NOT_FOUND");
  }

  @Test
  void verify_regeneratedKey_oldSecretFailsAtOnce() {
    verifyToken(bobsKey.token(), "");

    CreatedKey fresh =
        fixture.keywarden.keys().regenerateOwn(fixture.session(bob), "ci", Duration.ZERO);

    assertThat(verifyToken(bobsKey.token(), "").get("code").asString()).isEqualTo("NOT_FOUND");
    assertThat(verifyToken(fresh.token(), "").get("code").asString()).isEqualTo("VALID");
  }

  // ---- POST …/verify: the caller and the request ----

  @Test
  void verify_withoutCallerKey_is401() {
    var response =
        server.send(
            java.net.http.HttpRequest.newBuilder(server.uri("acme", Routes.VERIFY))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"key\":\"x\"}"))
                .build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void verify_callerWithoutApiKeyScope_is403() {
    var response = server.verify("acme", bobsKey.token(), "{\"key\":\"" + bobsKey.token() + "\"}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("INSUFFICIENT_SCOPE");
  }

  @Test
  void verify_callerOfAnotherAccount_is401() {
    fixture.otherAccount("globex");

    var response = server.verify("globex", platform, "{\"key\":\"" + bobsKey.token() + "\"}");

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void verify_unknownAccount_is404() {
    assertThat(server.verify("nobody", platform, "{}").statusCode()).isEqualTo(404);
  }

  @Test
  void verify_notJson_is415() {
    var response =
        server.send(
            java.net.http.HttpRequest.newBuilder(server.uri("acme", Routes.VERIFY))
                .header("Authorization", "Bearer " + platform)
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("key"))
                .build());

    assertThat(response.statusCode()).isEqualTo(415);
  }

  @Test
  void verify_badBodies_are400WithTheField() {
    assertThat(server.verify("acme", platform, "{").statusCode()).isEqualTo(400);
    assertThat(server.verify("acme", platform, "[1]").statusCode()).isEqualTo(400);
    assertThat(server.verify("acme", platform, "{}").body()).contains("\"field\":\"key\"");
    assertThat(server.verify("acme", platform, "{\"key\":5}").body()).contains("\"field\":\"key\"");
    assertThat(server.verify("acme", platform, "{\"access_id\":\"abc\"}").body())
        .contains("\"field\":\"secret\"");
    var license = server.verify("acme", platform, "{\"key\":\"k\",\"license_id\":-1}");
    assertThat(license.statusCode()).isEqualTo(422);
    assertThat(license.body()).contains("\"field\":\"license_id\"");
  }

  @Test
  void verify_unknownScope_is422WithTheField() {
    var response = server.verify("acme", platform, "{\"key\":\"k\",\"scopes\":[\"Root\"]}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("\"field\":\"scopes\"");
  }

  // ---- GET …/forward-auth ----

  @Test
  void forwardAuth_validKey_is200WithIdentityHeaders() {
    var response =
        server.forwardAuth("acme", "scopes=Tasks", "Authorization", "Bearer " + bobsKey.token());

    assertThat(response.statusCode()).isEqualTo(200);
    var headers = response.headers();
    assertThat(headers.firstValue("X-Keywarden-Access-Id")).hasValue(bobsKey.key().accessId());
    assertThat(headers.firstValue("X-Keywarden-Account")).hasValue("acme");
    assertThat(headers.firstValue("X-Keywarden-Owner")).hasValue("bob");
    assertThat(headers.firstValue("X-Keywarden-Scopes")).hasValue("Tasks,Session");
    assertThat(headers.firstValue("X-Keywarden-Binding")).hasValue("account");
  }

  @Test
  void forwardAuth_everyCredentialForm_isAccepted() {
    assertThat(server.forwardAuth("acme", null, "apiKey", bobsKey.token()).statusCode())
        .isEqualTo(200);
    assertThat(
            server
                .forwardAuth(
                    "acme",
                    null,
                    "X-Access-Id",
                    bobsKey.key().accessId(),
                    "X-Secret-Key",
                    bobsKey.secret())
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void forwardAuth_noOrUnusableKey_is401() {
    var none = server.forwardAuth("acme", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");

    var wrong = server.forwardAuth("acme", null, "Authorization", "Bearer kw_nonsense");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("X-Keywarden-Code")).hasValue("NOT_FOUND");

    fixture.otherAccount("globex");
    var foreign = server.forwardAuth("globex", null, "Authorization", "Bearer " + bobsKey.token());
    assertThat(foreign.statusCode()).isEqualTo(401);
    assertThat(foreign.headers().firstValue("X-Keywarden-Code")).hasValue("WRONG_ACCOUNT");
  }

  @Test
  void forwardAuth_deletedKey_is401() {
    assertThat(server.forwardAuth("acme", null, "apiKey", bobsKey.token()).statusCode())
        .isEqualTo(200);

    fixture.keywarden.keys().deleteOwn(fixture.session(bob), "ci");

    assertThat(server.forwardAuth("acme", null, "apiKey", bobsKey.token()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void forwardAuth_missingScopeOrOtherLicense_is403() {
    var scope = server.forwardAuth("acme", "scopes=Secret", "apiKey", bobsKey.token());
    assertThat(scope.statusCode()).isEqualTo(403);
    assertThat(scope.body()).contains("INSUFFICIENT_SCOPE");

    LicenseService.Created first = fixture.license("first");
    LicenseService.Created second = fixture.license("second");
    var license =
        server.forwardAuth(
            "acme",
            "scopes=Tasks&license_id=" + second.license().id(),
            "apiKey",
            first.defaultKey().token());
    assertThat(license.statusCode()).isEqualTo(403);
    assertThat(license.headers().firstValue("X-Keywarden-Code")).hasValue("WRONG_LICENSE");
  }

  @Test
  void forwardAuth_clientOutsideAllowedIps_is403() {
    CreatedKey office = officeKey();

    var outside =
        server.forwardAuth(
            "acme", null, "apiKey", office.token(), "X-Forwarded-For", "10.0.0.1, 192.168.0.7");
    assertThat(outside.statusCode()).isEqualTo(403);
    assertThat(outside.headers().firstValue("X-Keywarden-Code")).hasValue("IP_NOT_ALLOWED");
    assertThat(
            server
                .forwardAuth("acme", null, "apiKey", office.token(), "X-Real-IP", "10.9.9.9")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void forwardAuth_forwardedAddressFromAnUntrustedPeer_isIgnored() {
    CreatedKey office = officeKey();
    try (VerifyTestServer strict =
        VerifyTestServer.start(
            fixture.keywarden,
            config ->
                config.withTrustedProxies(
                    List.of(dev.keywarden.verification.IpRange.parse("10.0.0.0/8"))))) {
      var spoofed =
          strict.forwardAuth("acme", null, "apiKey", office.token(), "X-Real-IP", "10.9.9.9");
      assertThat(spoofed.statusCode()).isEqualTo(403);
      assertThat(spoofed.headers().firstValue("X-Keywarden-Code")).hasValue("IP_NOT_ALLOWED");
    }
  }

  @Test
  void forwardAuth_overTheRateLimit_is429WithRetryAfter() {
    CreatedKey limited =
        fixture
            .keywarden
            .keys()
            .createForUser(
                fixture.operator(),
                "bob",
                new NewKey("limited", EnumSet.of(Scope.Tasks), null, null, null, List.of(), 1));

    assertThat(server.forwardAuth("acme", null, "apiKey", limited.token()).statusCode())
        .isEqualTo(200);
    var refused = server.forwardAuth("acme", null, "apiKey", limited.token());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1, 60);
  }

  @Test
  void forwardAuth_expiredDisabledOrLegacyKey_is401() {
    fixture.keywarden.keys().setEnabledOwn(fixture.session(bob), "ci", false);
    var disabled = server.forwardAuth("acme", null, "apiKey", bobsKey.token());
    assertThat(disabled.statusCode()).isEqualTo(401);
    assertThat(disabled.headers().firstValue("X-Keywarden-Code")).hasValue("DISABLED");

    CreatedKey other = fixture.key(bob, "other", Scope.Tasks);
    fixture.clock.advance(Duration.ofDays(400));
    var expired = server.forwardAuth("acme", null, "apiKey", other.token());
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.headers().firstValue("X-Keywarden-Code")).hasValue("EXPIRED");
  }

  @Test
  void forwardAuth_badQuery_is400WithTheParameter() {
    var unknown = server.forwardAuth("acme", "apiKey=secret", "apiKey", bobsKey.token());
    assertThat(unknown.statusCode()).isEqualTo(422);
    assertThat(unknown.body()).contains("\"field\":\"apiKey\"");

    var scope = server.forwardAuth("acme", "scopes=Root", "apiKey", bobsKey.token());
    assertThat(scope.statusCode()).isEqualTo(422);
    assertThat(scope.body()).contains("\"field\":\"scopes\"");
  }

  @Test
  void directPath_servesBothAddressings_andLimitsBodies() {
    String body = "{\"key\":\"" + bobsKey.token() + "\"}";
    // The first request loads the account through the router; the next ones skip it.
    for (int i = 0; i < 2; i++) {
      assertThat(server.verify("acme", platform, body).body()).contains("\"valid\":true");
    }
    // HTTP/1.1: over HTTP/2 the authority travels in a pseudo-header, not in Host.
    var byHost =
        server.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.port() + Routes.VERIFY))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header("Host", "acme.localhost:" + server.port())
                .header("Authorization", "Bearer " + platform)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());
    assertThat(byHost.statusCode()).isEqualTo(200);
    assertThat(byHost.body()).contains("\"valid\":true");
    assertThat(byHost.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

    var tooLarge = server.verify("acme", platform, "{\"key\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("BODY_TOO_LARGE");

    var forward = server.forwardAuth("acme", null, "apiKey", bobsKey.token());
    assertThat(forward.statusCode()).isEqualTo(200);
  }

  /** Bob's key usable only from 10.0.0.0/8. */
  private CreatedKey officeKey() {
    return fixture
        .keywarden
        .keys()
        .createForUser(
            fixture.operator(),
            "bob",
            new NewKey(
                "office", EnumSet.of(Scope.Tasks), null, null, null, List.of("10.0.0.0/8"), null));
  }
}
