package dev.keywarden.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenFormatTest {
  private final TokenFormat format = new TokenFormat();

  @Test
  void format_thenParse_givesBackBothParts() {
    String accessId = format.newAccessId();
    String secret = format.newSecret();
    String token = TokenFormat.format(accessId, secret);

    assertThat(token).startsWith("kw_").hasSize(TokenFormat.TOKEN_LENGTH);
    KeyToken parsed = TokenFormat.parse(token);
    assertThat(parsed.accessId()).isEqualTo(accessId);
    assertThat(parsed.secret()).isEqualTo(secret);
  }

  @Test
  void parse_anySingleCharacterChanged_isRejected() {
    String token = TokenFormat.format(format.newAccessId(), format.newSecret());
    for (int i = 3; i < token.length(); i++) {
      char original = token.charAt(i);
      char replacement = original == 'a' ? 'b' : 'a';
      String mistyped = token.substring(0, i) + replacement + token.substring(i + 1);
      assertThat(TokenFormat.parse(mistyped)).as("changed at %d", i).isNull();
    }
  }

  @Test
  void parse_malformed_isRejected() {
    String token = TokenFormat.format(format.newAccessId(), format.newSecret());
    assertThat(TokenFormat.parse(null)).isNull();
    assertThat(TokenFormat.parse("")).isNull();
    assertThat(TokenFormat.parse("xx" + token.substring(2))).isNull();
    assertThat(TokenFormat.parse(token + "a")).isNull();
    assertThat(TokenFormat.parse(token.substring(0, token.length() - 1))).isNull();
    assertThat(TokenFormat.parse(token.replace('_', '-'))).isNull();
  }

  @Test
  void secrets_areRandomAndCarryAtLeast128Bits() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(format.newSecret())).isTrue();
    }
    double bits = TokenFormat.SECRET_LENGTH * (Math.log(62) / Math.log(2));
    assertThat(bits).isGreaterThanOrEqualTo(128);
  }

  @Test
  void keyToken_toString_hidesSecret() {
    KeyToken token = new KeyToken("abc", "topsecretvalue");
    assertThat(token.toString()).doesNotContain("topsecretvalue").contains("abc");
  }
}
