package dev.frugal.tools.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR block such as {@code 10.0.0.0/8} or {@code fc00::/7}, with a description. */
record IpRange(byte[] network, int prefix, String cidr, String what) {

  /** Parses {@code cidr} (an address with an optional {@code /prefix}); an error says the form. */
  static IpRange parse(String cidr, String what) {
    String s = cidr.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    if (!looksLikeIp(addr)) {
      throw new IllegalArgumentException(
          "'" + cidr + "' is not an IP address or CIDR block; e.g. 127.0.0.1, 10.0.0.0/8, ::1");
    }
    byte[] net;
    try {
      net = InetAddress.getByName(addr).getAddress(); // a literal: no DNS lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + cidr + "' is not a valid IP address");
    }
    int bits = net.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(s.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + cidr + "' has a prefix that is not a number");
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException(
          "'" + cidr + "' has prefix " + prefix + "; it must be between 0 and " + bits);
    }
    return new IpRange(net, prefix, s, what);
  }

  boolean contains(InetAddress a) {
    byte[] b = a.getAddress();
    if (b.length != network.length) return false;
    int full = prefix / 8;
    for (int i = 0; i < full; i++) if (b[i] != network[i]) return false;
    int rest = prefix % 8;
    if (rest == 0) return true;
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (b[full] & mask) == (network[full] & mask);
  }

  /** True for IPv4 dotted quads and IPv6 literals (with or without brackets); no DNS involved. */
  static boolean looksLikeIp(String host) {
    if (host.isEmpty()) return false;
    if (host.indexOf(':') >= 0) return host.matches("\\[?[0-9A-Fa-f:.%a-zA-Z0-9]+\\]?");
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
