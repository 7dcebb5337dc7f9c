package dev.frugal.tools.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which network addresses a fetch may connect to: the SSRF guard. By default every address that is
 * not on the public internet is refused:
 *
 * <ul>
 *   <li>loopback ({@code 127.0.0.0/8}, {@code ::1}) and unspecified ({@code 0.0.0.0/8}, {@code ::})
 *   <li>private: RFC 1918 ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}) and IPv6 unique
 *       local ({@code fc00::/7})
 *   <li>link-local ({@code 169.254/16}, {@code fe80::/10}), carrier-grade NAT ({@code 100.64/10})
 *   <li>cloud metadata endpoints ({@code 169.254.169.254}, {@code fd00:ec2::254}, Alibaba's {@code
 *       100.100.100.200}), named as such in the refusal
 *   <li>multicast, broadcast and reserved ranges ({@code 224/4}, {@code 240/4}, {@code 192.0.0/24},
 *       {@code 198.18/15} and its IPv6 twin {@code 2001:2::/48} for benchmarking, {@code ff00::/8})
 * </ul>
 *
 * Also refused: IPv6 site-local ({@code fec0::/10}, deprecated but still routed by some stacks) and
 * local-use NAT64 ({@code 64:ff9b:1::/48}, whose translation is site-specific).
 *
 * <p>IPv4 addresses embedded in IPv6 are checked as the IPv4 address they carry: mapped {@code
 * ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, SIIT {@code ::ffff:0:a.b.c.d}, NAT64 {@code
 * 64:ff9b::/96}, 6to4 {@code 2002::/16}, and Teredo {@code 2001::/32} (both its server and its
 * obfuscated client address). An explicit allow-list ({@link Builder#allow(String)}) of addresses
 * or CIDR blocks overrides the refusals, e.g. {@code 127.0.0.1} for a test server.
 */
public final class AddressPolicy {
  private static final List<IpRange> BLOCKED =
      List.of(
          IpRange.parse("169.254.169.254/32", "a cloud metadata address"),
          IpRange.parse("100.100.100.200/32", "a cloud metadata address"),
          IpRange.parse("fd00:ec2::254/128", "a cloud metadata address"),
          IpRange.parse("0.0.0.0/8", "an unspecified ('this network') address"),
          IpRange.parse("127.0.0.0/8", "a loopback address"),
          IpRange.parse("10.0.0.0/8", "a private (RFC 1918) address"),
          IpRange.parse("172.16.0.0/12", "a private (RFC 1918) address"),
          IpRange.parse("192.168.0.0/16", "a private (RFC 1918) address"),
          IpRange.parse("100.64.0.0/10", "a carrier-grade NAT (RFC 6598) address"),
          IpRange.parse("169.254.0.0/16", "a link-local address"),
          IpRange.parse("192.0.0.0/24", "a reserved (IETF protocol) address"),
          IpRange.parse("198.18.0.0/15", "a reserved (benchmarking) address"),
          IpRange.parse("224.0.0.0/4", "a multicast address"),
          IpRange.parse("240.0.0.0/4", "a reserved or broadcast address"),
          IpRange.parse("::/128", "an unspecified address"),
          IpRange.parse("::1/128", "a loopback address"),
          IpRange.parse("fc00::/7", "a private (IPv6 unique local) address"),
          IpRange.parse("fe80::/10", "a link-local address"),
          IpRange.parse("fec0::/10", "a site-local (deprecated, RFC 3879) address"),
          IpRange.parse("64:ff9b:1::/48", "a local-use NAT64 (RFC 8215) address"),
          IpRange.parse("2001:2::/48", "a reserved (IPv6 benchmarking, RFC 5180) address"),
          IpRange.parse("ff00::/8", "a multicast address"));

  private final List<IpRange> allowed;

  private AddressPolicy(List<IpRange> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  /** Refuses every non-public address; allows nothing extra. */
  public static AddressPolicy defaults() {
    return new AddressPolicy(List.of());
  }

  /** Starts building a policy that refuses every non-public address. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Why {@code address} may not be contacted, e.g. {@code "10.0.0.5 is a private (RFC 1918)
   * address"}; empty when it may.
   */
  public Optional<String> refusal(InetAddress address) {
    List<InetAddress> carried = embeddedIpv4(address);
    if (isAllowed(address)) return Optional.empty();
    if (!carried.isEmpty() && carried.stream().allMatch(this::isAllowed)) return Optional.empty();
    String shown = address.getHostAddress();
    Optional<String> own = blockedAs(address);
    if (own.isPresent()) return Optional.of(shown + " is " + own.get());
    for (InetAddress v4 : carried) {
      if (isAllowed(v4)) continue;
      Optional<String> what = blockedAs(v4);
      if (what.isPresent()) {
        return Optional.of(shown + " (it carries " + v4.getHostAddress() + ") is " + what.get());
      }
    }
    return Optional.empty();
  }

  private boolean isAllowed(InetAddress a) {
    for (IpRange r : allowed) if (r.contains(a)) return true;
    return false;
  }

  private static Optional<String> blockedAs(InetAddress a) {
    for (IpRange r : BLOCKED) if (r.contains(a)) return Optional.of(r.what());
    return Optional.empty();
  }

  /** The allow-list, as given. */
  public List<String> allowed() {
    List<String> out = new ArrayList<>();
    allowed.forEach(r -> out.add(r.cidr()));
    return out;
  }

  /** The IPv4 addresses an IPv6 address carries by one of the known embeddings; often none. */
  private static List<InetAddress> embeddedIpv4(InetAddress a) {
    if (!(a instanceof Inet6Address)) return List.of();
    byte[] b = a.getAddress();
    List<InetAddress> out = new ArrayList<>();
    if (zero(b, 0, 10) && ff(b[10]) && ff(b[11])) {
      out.add(v4(b, 12, false)); // mapped ::ffff:a.b.c.d
    } else if (zero(b, 0, 8) && ff(b[8]) && ff(b[9]) && zero(b, 10, 12)) {
      out.add(v4(b, 12, false)); // SIIT ::ffff:0:a.b.c.d
    } else if (zero(b, 0, 12)) {
      out.add(v4(b, 12, false)); // IPv4-compatible ::a.b.c.d (:: and ::1 are named as such first)
    } else if (b[0] == 0x00
        && b[1] == 0x64
        && ff(b[2])
        && (b[3] & 0xFF) == 0x9B
        && zero(b, 4, 12)) {
      out.add(v4(b, 12, false)); // NAT64 well-known prefix 64:ff9b::/96
    } else if (b[0] == 0x20 && b[1] == 0x02) {
      out.add(v4(b, 2, false)); // 6to4 2002:a.b.c.d::/48
    } else if (b[0] == 0x20 && b[1] == 0x01 && zero(b, 2, 4)) {
      out.add(v4(b, 4, false)); // Teredo server
      out.add(v4(b, 12, true)); // Teredo client, stored XOR 0xff
    }
    return out;
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }

  private static boolean ff(byte x) {
    return (x & 0xFF) == 0xFF;
  }

  private static InetAddress v4(byte[] b, int at, boolean inverted) {
    byte[] v4 = new byte[4];
    for (int i = 0; i < 4; i++) v4[i] = (byte) (inverted ? ~b[at + i] : b[at + i]);
    try {
      return InetAddress.getByAddress(v4);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }

  /** Builds an {@link AddressPolicy}; each allow-list entry is checked when added. */
  public static final class Builder {
    private final List<IpRange> allowed = new ArrayList<>();

    private Builder() {}

    /**
     * Allows an address or CIDR block that the defaults refuse, e.g. {@code 127.0.0.1} or {@code
     * 10.1.0.0/16}. Host names are not accepted: the check is on resolved addresses.
     */
    public Builder allow(String addressOrCidr) {
      allowed.add(IpRange.parse(addressOrCidr, "allowed"));
      return this;
    }

    /** Builds the policy. */
    public AddressPolicy build() {
      return new AddressPolicy(allowed);
    }
  }
}
