package dev.frugal.tools.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard's decisions on IPv6 forms that carry or hide an internal address (README.md, item
 * 11), checked at the policy level: only literal addresses are parsed, nothing is sent anywhere.
 */
class AddressPolicyTest {
  private final AddressPolicy defaults = AddressPolicy.defaults();

  private Optional<String> refusal(String literal) throws Exception {
    return defaults.refusal(InetAddress.getByName(literal));
  }

  @Test
  void ipv4CompatibleAddressesAreCheckedAsTheIpv4TheyCarry() throws Exception {
    assertThat(refusal("::7f00:1")).hasValueSatisfying(m -> assertThat(m).contains("127.0.0.1"));
    assertThat(refusal("::7f00:1").orElseThrow()).contains("a loopback address");
    assertThat(refusal("::a9fe:a9fe").orElseThrow())
        .contains("carries 169.254.169.254")
        .contains("a cloud metadata address");
    assertThat(refusal("::a00:5").orElseThrow()).contains("a private (RFC 1918) address");
    // The plain loopback and unspecified addresses keep their own names.
    assertThat(refusal("::1").orElseThrow()).isEqualTo("0:0:0:0:0:0:0:1 is a loopback address");
    assertThat(refusal("::").orElseThrow()).contains("an unspecified address");
  }

  @Test
  void siitTranslatedAddressesAreCheckedAsTheIpv4TheyCarry() throws Exception {
    assertThat(refusal("::ffff:0:7f00:1").orElseThrow())
        .contains("carries 127.0.0.1")
        .contains("a loopback address");
    assertThat(refusal("::ffff:0:a9fe:a9fe").orElseThrow()).contains("a cloud metadata address");
  }

  @Test
  void localUseNat64AndDeprecatedSiteLocalAreRefused() throws Exception {
    assertThat(refusal("64:ff9b:1::1").orElseThrow()).contains("local-use NAT64");
    assertThat(refusal("64:ff9b:1:ffff:ffff::1")).isPresent();
    assertThat(refusal("fec0::1").orElseThrow()).contains("site-local");
    assertThat(refusal("feff:ffff::1")).isPresent();
    // Just outside those blocks: public.
    assertThat(refusal("64:ff9b:2::1")).isEmpty();
  }

  @Test
  void ipv6BenchmarkingAddressesAreRefusedLikeTheirIpv4Twin() throws Exception {
    assertThat(refusal("198.18.0.1").orElseThrow()).contains("benchmarking");
    assertThat(refusal("2001:2::1").orElseThrow()).contains("benchmarking");
    assertThat(refusal("2001:2:0:ffff:ffff:ffff:ffff:ffff").orElseThrow()).contains("benchmarking");
    // Just outside the /48: public.
    assertThat(refusal("2001:2:1::1")).isEmpty();
    assertThat(refusal("2001:1:ffff::1")).isEmpty();
  }

  @Test
  void teredoAddressesAreCheckedByTheClientAddressTheyCarry() throws Exception {
    // Teredo 2001:0::/32: bytes 4-7 the server, the last 4 bytes the client XOR 0xff.
    // Client 127.0.0.1 -> 80ff:fffe; server 65.54.227.120 (public) -> 4136:e378.
    assertThat(refusal("2001:0:4136:e378:8000:63bf:80ff:fffe").orElseThrow())
        .contains("carries 127.0.0.1")
        .contains("a loopback address");
    // Client 169.254.169.254 -> 5601:5601.
    assertThat(refusal("2001:0:4136:e378:8000:63bf:5601:5601").orElseThrow())
        .contains("a cloud metadata address");
    // Server 10.0.0.1 (private) with a public client: refused for the server it carries.
    assertThat(refusal("2001:0:a00:1:8000:63bf:a3bc:f7f7").orElseThrow()).contains("10.0.0.1");
    // Both public: allowed, as is the rest of 2001::/16 outside Teredo's /32.
    assertThat(refusal("2001:0:4136:e378:8000:63bf:a3bc:f7f7")).isEmpty();
    assertThat(refusal("2001:db9::1")).isEmpty();
  }

  @Test
  void anAllowedInternalAddressIsAllowedAlsoWhenCarriedInIpv6() throws Exception {
    AddressPolicy lab = AddressPolicy.builder().allow("127.0.0.1").build();

    assertThat(lab.refusal(InetAddress.getByName("::7f00:1"))).isEmpty();
    assertThat(lab.refusal(InetAddress.getByName("::ffff:0:7f00:1"))).isEmpty();
    assertThat(lab.refusal(InetAddress.getByName("::7f00:2"))).isPresent();
  }
}
