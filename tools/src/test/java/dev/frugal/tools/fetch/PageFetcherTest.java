package dev.frugal.tools.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.frugal.tools.fetch.FetchException.Reason;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import okhttp3.Dns;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PageFetcherTest {
  private final MockWebServer server = new MockWebServer();

  /** Test names the fetcher may resolve; nothing here reaches a real DNS server. */
  private static final Dns NAMES =
      host ->
          switch (host) {
            case "intranet.example" -> List.of(InetAddress.getByName("192.168.1.10"));
            case "metadata.example" -> List.of(InetAddress.getByName("169.254.169.254"));
            case "public.example" -> List.of(InetAddress.getByName("203.0.113.5"));
            default -> throw new UnknownHostException(host);
          };

  @BeforeEach
  void start() throws Exception {
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  private PageFetcher.Builder allowingTheTestServer() {
    return PageFetcher.builder()
        .addressPolicy(AddressPolicy.builder().allow("127.0.0.1").build())
        .dns(NAMES);
  }

  private void html(String body) {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/html; charset=utf-8")
            .body(body)
            .build());
  }

  private static void refused(ThrowingCallable call, Reason reason, String... parts) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .message()
        .contains(parts);
  }

  @Test
  void htmlBecomesReadableTextWithoutScriptsOrNavigation() throws Exception {
    html(
        """
        <!doctype html><html><head><title>Shirley Temple</title>
        <style>body{color:red}</style><script>var tracking = 1;</script></head>
        <body><nav><a href="/">Home</a> | <a href="/about">About</a></nav>
        <h1>Shirley Temple</h1>
        <p>Shirley Temple   Black was an <b>American</b> actress.</p>
        <h2>Diplomacy</h2>
        <ul><li>Ambassador to Ghana</li><li>Chief of Protocol</li></ul>
        <footer>Copyright</footer></body></html>
        """);

    Page page = allowingTheTestServer().build().fetch(url("/wiki"));

    assertThat(page.title()).isEqualTo("Shirley Temple");
    assertThat(page.contentType()).isEqualTo("text/html");
    assertThat(page.text())
        .isEqualTo(
            "# Shirley Temple\n"
                + "Shirley Temple Black was an American actress.\n\n"
                + "## Diplomacy\n"
                + "- Ambassador to Ghana\n"
                + "- Chief of Protocol");
    assertThat(page.truncated()).isFalse();
  }

  @Test
  void textIsCutAtTheCharacterLimitAndSaysSo() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/plain")
            .body("x".repeat(1_000))
            .build());

    Page page = allowingTheTestServer().maxChars(100).build().fetch(url("/long.txt"));

    assertThat(page.text()).hasSize(100);
    assertThat(page.fullChars()).isEqualTo(1_000);
    assertThat(page.truncated()).isTrue();
  }

  @Test
  void theDefaultCharacterLimitIsTheBatsPapers() {
    assertThat(PageFetcher.DEFAULT_MAX_CHARS).isEqualTo(150_000);
  }

  @Test
  void aBodyOverTheSizeCapIsRefusedWhetherDeclaredOrStreamed() {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/plain")
            .body("y".repeat(5_000))
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/plain")
            .chunkedBody("z".repeat(5_000), 512)
            .build());
    PageFetcher fetcher = allowingTheTestServer().maxBytes(1_000).build();

    refused(
        () -> fetcher.fetch(url("/big")),
        Reason.TOO_LARGE,
        "larger than the size cap of 1000 bytes",
        "5000 bytes declared");
    refused(
        () -> fetcher.fetch(url("/big-chunked")), Reason.TOO_LARGE, "more than 1000 bytes sent");
  }

  @Test
  void aContentTypeThatIsNotTextIsRefused() {
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "application/pdf")
            .body("%PDF")
            .build());

    refused(
        () -> allowingTheTestServer().build().fetch(url("/paper.pdf")),
        Reason.UNSUPPORTED_TYPE,
        "is application/pdf",
        "reads HTML and text pages");
  }

  @Test
  void loopbackIsRefusedByDefaultBeforeAnyConnection() {
    PageFetcher fetcher = PageFetcher.builder().dns(NAMES).build();

    refused(() -> fetcher.fetch(url("/")), Reason.REFUSED_ADDRESS, "127.0.0.1 is a loopback");
    refused(() -> fetcher.fetch("http://[::1]/"), Reason.REFUSED_ADDRESS, "is a loopback");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void privateLinkLocalCgnatAndMetadataAddressesAreRefusedWithTheirKind() {
    PageFetcher fetcher = PageFetcher.builder().dns(NAMES).build();

    refused(
        () -> fetcher.fetch("http://10.0.0.7/admin"),
        Reason.REFUSED_ADDRESS,
        "10.0.0.7 is a private (RFC 1918) address",
        "SSRF");
    refused(
        () -> fetcher.fetch("http://intranet.example/"),
        Reason.REFUSED_ADDRESS,
        "the host intranet.example resolves to 192.168.1.10 is a private (RFC 1918) address");
    refused(
        () -> fetcher.fetch("http://169.254.169.254/latest/meta-data/"),
        Reason.REFUSED_ADDRESS,
        "a cloud metadata address");
    refused(
        () -> fetcher.fetch("http://metadata.example/"),
        Reason.REFUSED_ADDRESS,
        "resolves to 169.254.169.254 is a cloud metadata address");
    refused(
        () -> fetcher.fetch("http://169.254.1.1/"), Reason.REFUSED_ADDRESS, "a link-local address");
    refused(
        () -> fetcher.fetch("http://100.64.3.4/"),
        Reason.REFUSED_ADDRESS,
        "carrier-grade NAT (RFC 6598)");
    refused(
        () -> fetcher.fetch("http://[fd12:3456::1]/"),
        Reason.REFUSED_ADDRESS,
        "private (IPv6 unique local)");
    refused(
        () -> fetcher.fetch("http://[64:ff9b::a00:1]/"),
        Reason.REFUSED_ADDRESS,
        "carries 10.0.0.1",
        "private");
  }

  @Test
  void aRedirectToAPrivateAddressIsRefusedOnThatHop() {
    server.enqueue(
        new MockResponse.Builder()
            .code(302)
            .addHeader("Location", "http://10.1.2.3/internal")
            .build());
    server.enqueue(
        new MockResponse.Builder()
            .code(301)
            .addHeader("Location", "http://metadata.example/")
            .build());
    PageFetcher fetcher = allowingTheTestServer().build();

    refused(
        () -> fetcher.fetch(url("/go")),
        Reason.REFUSED_ADDRESS,
        "a redirect led to 10.1.2.3 is a private (RFC 1918) address",
        "allowed exceptions: 127.0.0.1");
    refused(
        () -> fetcher.fetch(url("/go-again")),
        Reason.REFUSED_ADDRESS,
        "a redirect led to the host metadata.example resolves to 169.254.169.254");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void redirectsWithinAllowedAddressesAreFollowedHopByHop() throws Exception {
    server.enqueue(new MockResponse.Builder().code(301).addHeader("Location", "/moved").build());
    server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", "/final").build());
    html("<html><head><title>Final</title></head><body><p>arrived</p></body></html>");

    Page page = allowingTheTestServer().build().fetch(url("/start"));

    assertThat(page.url()).isEqualTo(url("/final"));
    assertThat(page.text()).isEqualTo("arrived");
  }

  @Test
  void tooManyRedirectsStop() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/loop").build());
    }

    refused(
        () -> allowingTheTestServer().maxRedirects(2).build().fetch(url("/loop")),
        Reason.TOO_MANY_REDIRECTS,
        "redirected more than 2 times");
  }

  @Test
  void nonHttpSchemesAreRefusedAlsoWhenARedirectLeadsThere() {
    PageFetcher fetcher = allowingTheTestServer().build();
    server.enqueue(
        new MockResponse.Builder().code(302).addHeader("Location", "file:///etc/passwd").build());

    refused(
        () -> fetcher.fetch("file:///etc/passwd"),
        Reason.BAD_URL,
        "the scheme 'file' is refused; only http:// and https:// URLs are opened");
    refused(() -> fetcher.fetch("ftp://example.org/x"), Reason.BAD_URL, "the scheme 'ftp'");
    refused(() -> fetcher.fetch("gopher://x"), Reason.BAD_URL, "the scheme 'gopher'");
    refused(() -> fetcher.fetch("not a url"), Reason.BAD_URL, "is not a URL");
    refused(
        () -> fetcher.fetch(url("/to-file")),
        Reason.BAD_URL,
        "redirected to file:///etc/passwd",
        "the scheme 'file' is refused");
  }

  @Test
  void anAddressThatChangesBetweenCheckAndConnectIsRefused() {
    AtomicInteger lookups = new AtomicInteger();
    Dns rebinding =
        host ->
            List.of(
                InetAddress.getByName(lookups.getAndIncrement() == 0 ? "203.0.113.5" : "10.0.0.1"));
    PageFetcher fetcher = PageFetcher.builder().dns(rebinding).build();

    refused(
        () -> fetcher.fetch("http://rebind.example/"),
        Reason.REFUSED_ADDRESS,
        "the host rebind.example resolves to 10.0.0.1 is a private");
    assertThat(lookups.get()).isEqualTo(2);
  }

  @Test
  void httpErrorsUnknownHostsAndTimeoutsAreClearErrors() {
    server.enqueue(new MockResponse.Builder().code(404).build());
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    PageFetcher fetcher = allowingTheTestServer().readTimeout(Duration.ofMillis(150)).build();

    refused(() -> fetcher.fetch(url("/missing")), Reason.HTTP_STATUS, "answered HTTP 404");
    refused(
        () -> fetcher.fetch(url("/slow")),
        Reason.TIMEOUT,
        "did not answer in time",
        "150 ms read timeout");
    refused(
        () -> fetcher.fetch("http://nowhere.example/"),
        Reason.UNREACHABLE,
        "nowhere.example could not be resolved");
  }

  @Test
  void aBodyTrickledSlowerThanTheWholeCallTimeoutNamesThatTimeout() {
    // A byte every 50 ms never trips the 2 s read timeout; the 400 ms whole-call one fires.
    server.enqueue(
        new MockResponse.Builder()
            .addHeader("Content-Type", "text/plain")
            .body("x".repeat(200))
            .throttleBody(1, 50, java.util.concurrent.TimeUnit.MILLISECONDS)
            .build());
    PageFetcher fetcher =
        allowingTheTestServer()
            .readTimeout(Duration.ofSeconds(2))
            .callTimeout(Duration.ofMillis(400))
            .build();

    assertThatThrownBy(() -> fetcher.fetch(url("/trickle")))
        .isInstanceOfSatisfying(
            FetchException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
        .hasMessageContaining("400 ms whole-call timeout")
        .message()
        .doesNotContain("read timeout");
  }

  @Test
  void imagesServedWithoutAContentTypeAreRecognisedAndRefused() {
    byte[] png = {
      (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    byte[] gif =
        "GIF89a\u0001\u0000\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (byte[] body : List.of(png, jpeg, gif)) {
      server.enqueue(new MockResponse.Builder().body(new okio.Buffer().write(body)).build());
    }
    PageFetcher fetcher = allowingTheTestServer().build();

    refused(
        () -> fetcher.fetch(url("/a")),
        Reason.UNSUPPORTED_TYPE,
        "sent no Content-Type",
        "image/png",
        "reads HTML and text pages");
    refused(() -> fetcher.fetch(url("/b")), Reason.UNSUPPORTED_TYPE, "image/jpeg");
    refused(() -> fetcher.fetch(url("/c")), Reason.UNSUPPORTED_TYPE, "image/gif");
  }

  @Test
  void binaryWithoutAContentTypeIsRefusedButPlainTextIsRead() throws Exception {
    server.enqueue(
        new MockResponse.Builder()
            .body(new okio.Buffer().write(new byte[] {'a', 0, 1, 2, 3, 0, 'b'}))
            .build());
    server.enqueue(new MockResponse.Builder().body("just text, no header").build());
    PageFetcher fetcher = allowingTheTestServer().build();

    refused(() -> fetcher.fetch(url("/bin")), Reason.UNSUPPORTED_TYPE, "binary data");
    assertThat(fetcher.fetch(url("/txt")).text()).isEqualTo("just text, no header");
  }

  @Test
  void anAllowListEntryMustBeAnAddressOrCidr() {
    assertThatThrownBy(() -> AddressPolicy.builder().allow("localhost"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP address or CIDR block; e.g. 127.0.0.1, 10.0.0.0/8");
    assertThatThrownBy(() -> AddressPolicy.builder().allow("10.0.0.0/40"))
        .hasMessageContaining("between 0 and 32");
  }

  @Test
  void publicAddressesPassAndAllowedBlocksOverrideTheDefaults() throws Exception {
    AddressPolicy defaults = AddressPolicy.defaults();
    AddressPolicy lab = AddressPolicy.builder().allow("10.1.0.0/16").build();

    assertThat(defaults.refusal(InetAddress.getByName("93.184.216.34"))).isEmpty();
    assertThat(defaults.refusal(InetAddress.getByName("2606:4700::1111"))).isEmpty();
    assertThat(defaults.refusal(InetAddress.getByName("172.31.255.255"))).isPresent();
    assertThat(defaults.refusal(InetAddress.getByName("172.32.0.1"))).isEmpty();
    assertThat(lab.refusal(InetAddress.getByName("10.1.200.3"))).isEmpty();
    assertThat(lab.refusal(InetAddress.getByName("10.2.0.1"))).isPresent();
  }
}
