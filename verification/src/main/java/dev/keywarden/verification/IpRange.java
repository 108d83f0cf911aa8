package dev.keywarden.verification;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address range in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or a
 * single address. Only literals are accepted, so parsing never touches DNS. Immutable.
 */
public record IpRange(byte[] network, int prefixLength, String text) {

  /**
   * Parses a range.
   *
   * @throws IllegalArgumentException if the text is not an address literal or CIDR range
   */
  public static IpRange parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (!isLiteral(address)) {
      throw invalid(trimmed);
    }
    byte[] bytes = literal(address, trimmed);
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw invalid(trimmed);
      }
      if (prefix < 0 || prefix > bytes.length * 8) {
        throw invalid(trimmed);
      }
    }
    return new IpRange(bytes, prefix, trimmed);
  }

  /** Whether an address literal lies in this range; anything unparsable does not. */
  public boolean contains(String ip) {
    if (ip == null || !isLiteral(ip)) {
      return false;
    }
    byte[] address;
    try {
      address = InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      return false;
    }
    if (address.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xFF << (8 - rest);
    return (address[full] & mask) == (network[full] & mask);
  }

  private static byte[] literal(String address, String text) {
    try {
      return InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw invalid(text);
    }
  }

  /**
   * Whether the text can only be an address literal (dotted-quad IPv4, or hex digits, dots and
   * colons with a colon for IPv6), so that {@link InetAddress#getByName} never takes it for a host
   * name and never asks DNS.
   */
  private static boolean isLiteral(String text) {
    if (text.indexOf(':') >= 0) {
      return text.chars().allMatch(IpRange::isLiteralChar);
    }
    return DOTTED_QUAD.matcher(text).matches();
  }

  private static final java.util.regex.Pattern DOTTED_QUAD =
      java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private static boolean isLiteralChar(int c) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F')
        || c == '.'
        || c == ':';
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not an IP address or CIDR range");
  }
}
