package dev.frugal.tools.fetch;

import java.net.Inet4Address;
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
 *       {@code 198.18/15}, {@code ff00::/8})
 * </ul>
 *
 * IPv4 addresses embedded in IPv6 (mapped {@code ::ffff:a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) are checked as the IPv4 address they carry. An explicit allow-list ({@link
 * Builder#allow(String)}) of addresses or CIDR blocks overrides the refusals, e.g. {@code
 * 127.0.0.1} for a test server.
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
    for (IpRange r : allowed) if (r.contains(address)) return Optional.empty();
    InetAddress effective = embeddedIpv4(address).orElse(address);
    if (effective != address) {
      for (IpRange r : allowed) if (r.contains(effective)) return Optional.empty();
    }
    for (IpRange r : BLOCKED) {
      if (r.contains(effective)) {
        String shown = address.getHostAddress();
        String carried =
            effective == address ? "" : " (it carries " + effective.getHostAddress() + ")";
        return Optional.of(shown + carried + " is " + r.what());
      }
    }
    return Optional.empty();
  }

  /** The allow-list, as given. */
  public List<String> allowed() {
    List<String> out = new ArrayList<>();
    allowed.forEach(r -> out.add(r.cidr()));
    return out;
  }

  private static Optional<InetAddress> embeddedIpv4(InetAddress a) {
    if (!(a instanceof Inet6Address)) return Optional.empty();
    byte[] b = a.getAddress();
    byte[] v4 = null;
    boolean mapped = true;
    for (int i = 0; i < 10; i++) mapped &= b[i] == 0;
    if (mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
      v4 = new byte[] {b[12], b[13], b[14], b[15]};
    }
    boolean nat64 = (b[0] & 0xFF) == 0x00 && (b[1] & 0xFF) == 0x64 && (b[2] & 0xFF) == 0xFF;
    nat64 &= (b[3] & 0xFF) == 0x9B;
    for (int i = 4; i < 12 && nat64; i++) nat64 = b[i] == 0;
    if (nat64) v4 = new byte[] {b[12], b[13], b[14], b[15]};
    if ((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x02) {
      v4 = new byte[] {b[2], b[3], b[4], b[5]};
    }
    if (v4 == null) return Optional.empty();
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
    } catch (UnknownHostException e) {
      return Optional.empty();
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
