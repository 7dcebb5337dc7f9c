package dev.frugal.tools.fetch;

import dev.frugal.tools.fetch.FetchException.Reason;
import dev.frugal.tools.settings.PositiveDuration;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Fetches a web page for an agent, safely, and returns it as readable text.
 *
 * <p>Only {@code http} and {@code https} URLs are fetched. Before every connection, the first and
 * each redirect (redirects are followed here, one hop at a time, never by OkHttp), the host is
 * resolved and every address it resolves to is checked against the {@link AddressPolicy}; the
 * OkHttp client's own DNS goes through the same check, so an answer that changes between the check
 * and the connection (DNS rebinding) is refused too. Proxies are never used, so the checked address
 * is the one connected to.
 *
 * <p>The body is refused when the server declares or sends more than the size cap, and when its
 * content type is not HTML or text; HTML is turned into text with jsoup ({@link HtmlText}); the
 * text is cut at a character limit and says so.
 *
 * <p>Defaults [choice]: connect timeout 5 s, read timeout 15 s, whole call 30 s, 5 redirects, a 5
 * MiB size cap, and 150,000 characters of text per page (the BATS paper's browse limit).
 */
public final class PageFetcher {
  /** Characters of text kept per page unless configured otherwise (BATS paper). */
  public static final int DEFAULT_MAX_CHARS = 150_000;

  private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
  private static final Set<String> TEXT =
      Set.of(
          "application/json",
          "application/xml",
          "application/ld+json",
          "application/rss+xml",
          "application/atom+xml",
          "application/javascript");

  private final AddressPolicy policy;
  private final Dns dns;
  private final OkHttpClient http;
  private final long maxBytes;
  private final int maxChars;
  private final int maxRedirects;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Duration callTimeout;
  private final String userAgent;

  private PageFetcher(Builder b) {
    this.policy = b.policy;
    this.dns = b.dns;
    this.maxBytes = b.maxBytes;
    this.maxChars = b.maxChars;
    this.maxRedirects = b.maxRedirects;
    this.connectTimeout = b.connectTimeout;
    this.readTimeout = b.readTimeout;
    this.callTimeout = b.callTimeout;
    this.userAgent = b.userAgent;
    this.http =
        new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            .proxy(Proxy.NO_PROXY)
            .dns(this::guardedLookup)
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .callTimeout(b.callTimeout)
            .retryOnConnectionFailure(false)
            .build();
  }

  /** Starts building a fetcher with the default timeouts and limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** A fetcher with the defaults: every non-public address refused. */
  public static PageFetcher defaults() {
    return builder().build();
  }

  /** The text of the page at {@code url}; a {@link FetchException} says why it could not be had. */
  public Page fetch(String url) throws FetchException {
    HttpUrl current = parse(url, null);
    for (int hop = 0; ; hop++) {
      checkHost(current, hop > 0);
      Request request =
          new Request.Builder()
              .url(current)
              .header("User-Agent", userAgent)
              .header("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")
              .build();
      try (Response r = http.newCall(request).execute()) {
        if (r.isRedirect()) {
          String location = r.header("Location");
          if (location == null || location.isBlank()) {
            throw new FetchException(
                Reason.TOO_MANY_REDIRECTS,
                current + " answered HTTP " + r.code() + " without a Location to go to");
          }
          if (hop + 1 > maxRedirects) {
            throw new FetchException(
                Reason.TOO_MANY_REDIRECTS,
                url + " redirected more than " + maxRedirects + " times; stopped at " + current);
          }
          current = parse(location, current);
          continue;
        }
        if (!r.isSuccessful()) {
          throw new FetchException(
              Reason.HTTP_STATUS,
              current
                  + " answered HTTP "
                  + r.code()
                  + (r.message().isEmpty() ? "" : " " + r.message()));
        }
        return read(current, r);
      } catch (InterruptedIOException e) {
        throw new FetchException(
            Reason.TIMEOUT, current + " did not answer in time (" + whichTimeout(e) + ")");
      } catch (RefusedAddressException e) {
        throw new FetchException(Reason.REFUSED_ADDRESS, e.getMessage());
      } catch (UnknownHostException e) {
        throw new FetchException(
            Reason.UNREACHABLE, "the host " + current.host() + " could not be resolved");
      } catch (IOException e) {
        throw new FetchException(
            Reason.UNREACHABLE,
            current
                + " could not be reached: "
                + e.getClass().getSimpleName()
                + ": "
                + e.getMessage());
      }
    }
  }

  private Page read(HttpUrl url, Response r) throws FetchException, IOException {
    ResponseBody body = r.body();
    MediaType type = body.contentType();
    String declared =
        type == null ? null : (type.type() + "/" + type.subtype()).toLowerCase(Locale.ROOT);
    boolean html = declared != null && HTML.contains(declared);
    boolean text =
        declared != null
            && (declared.startsWith("text/")
                || TEXT.contains(declared)
                || declared.endsWith("+xml"));
    if (declared != null && !html && !text) {
      throw new FetchException(
          Reason.UNSUPPORTED_TYPE,
          url
              + " is "
              + declared
              + ", which the open tool cannot read; it reads HTML and text pages (text/*,"
              + " application/xhtml+xml, JSON, XML)");
    }
    long declaredLength = body.contentLength();
    if (declaredLength > maxBytes) {
      throw tooLarge(url, declaredLength + " bytes declared");
    }
    BufferedSource src = body.source();
    if (src.request(maxBytes + 1)) throw tooLarge(url, "more than " + maxBytes + " bytes sent");
    byte[] bytes = src.getBuffer().readByteArray();
    if (declared == null) {
      String binary = sniffBinary(bytes);
      if (binary != null) {
        throw new FetchException(
            Reason.UNSUPPORTED_TYPE,
            url
                + " sent no Content-Type and its body is "
                + binary
                + ", which the open tool cannot read; it reads HTML and text pages (text/*,"
                + " application/xhtml+xml, JSON, XML)");
      }
      html = sniffHtml(bytes);
    }
    String contentType = declared == null ? (html ? "text/html" : "text/plain") : declared;
    String title = "";
    String full;
    if (html) {
      String charset = type == null || type.charset() == null ? null : type.charset().name();
      Document doc = Jsoup.parse(new ByteArrayInputStream(bytes), charset, url.toString());
      title = doc.title().strip();
      full = HtmlText.of(doc);
    } else {
      Charset cs = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
      full = new String(bytes, cs).strip();
    }
    String shown = full.length() <= maxChars ? full : full.substring(0, maxChars);
    return new Page(url.toString(), title, contentType, shown, full.length());
  }

  /**
   * Which timeout fired: OkHttp reports the connect and read timeouts as socket timeouts and the
   * whole-call timeout (which also bounds a body trickled slowly) as a plain interruption.
   */
  private String whichTimeout(InterruptedIOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (!(e instanceof java.net.SocketTimeoutException)) {
      return callTimeout.toMillis() + " ms whole-call timeout, body included";
    }
    if (m.contains("connect")) return connectTimeout.toMillis() + " ms connect timeout";
    return readTimeout.toMillis() + " ms read timeout: no byte came for that long";
  }

  private FetchException tooLarge(HttpUrl url, String what) {
    return new FetchException(
        Reason.TOO_LARGE,
        url + " is larger than the size cap of " + maxBytes + " bytes (" + what + "); not read");
  }

  /**
   * With no declared type: what a body that is not text looks like ({@code image/png}, ...), from
   * its leading magic bytes or, failing those, a NUL byte among its first 1024; null for text.
   */
  private static String sniffBinary(byte[] b) {
    if (starts(b, 0x89, 'P', 'N', 'G')) return "image/png";
    if (starts(b, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
    if (starts(b, 'G', 'I', 'F', '8')) return "image/gif";
    if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E') {
      return "image/webp";
    }
    if (starts(b, 0, 0, 1, 0)) return "image/x-icon";
    if (starts(b, 'B', 'M') && b.length >= 14 && b[6] == 0 && b[7] == 0) return "image/bmp";
    if (starts(b, '%', 'P', 'D', 'F')) return "application/pdf";
    if (starts(b, 'P', 'K', 3, 4)) return "a zip archive";
    if (starts(b, 0x1F, 0x8B)) return "gzip data";
    for (int i = 0; i < Math.min(b.length, 1024); i++) if (b[i] == 0) return "binary data";
    return null;
  }

  private static boolean starts(byte[] b, int... magic) {
    if (b.length < magic.length) return false;
    for (int i = 0; i < magic.length; i++) if ((b[i] & 0xFF) != magic[i]) return false;
    return true;
  }

  /** With no declared type: HTML when the body opens with a tag (after blanks), else text. */
  private static boolean sniffHtml(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.UTF_8);
    return head.stripLeading().startsWith("<");
  }

  private static HttpUrl parse(String url, HttpUrl base) throws FetchException {
    String raw = url == null ? "" : url.strip();
    String scheme;
    try {
      URI u = new URI(raw);
      scheme = u.getScheme();
    } catch (URISyntaxException e) {
      scheme = null;
    }
    if (scheme != null && !scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      throw new FetchException(
          Reason.BAD_URL,
          (base == null ? "" : base + " redirected to " + raw + ": ")
              + "the scheme '"
              + scheme
              + "' is refused; only http:// and https:// URLs are opened");
    }
    HttpUrl parsed = base == null ? HttpUrl.parse(raw) : base.resolve(raw);
    if (parsed == null) {
      throw new FetchException(
          Reason.BAD_URL,
          (base == null ? "" : base + " redirected to an invalid address: ")
              + "'"
              + raw
              + "' is not a URL; pass an absolute http:// or https:// URL, e.g."
              + " https://en.wikipedia.org/wiki/Kiss_and_Tell_(1945_film)");
    }
    return parsed;
  }

  /** Resolves and checks the host of {@code url}; a refusal names the host and the address. */
  private void checkHost(HttpUrl url, boolean redirected) throws FetchException {
    String host = url.host();
    try {
      if (IpRange.looksLikeIp(host)) {
        check(host, List.of(InetAddress.getByName(host)), redirected);
      } else {
        check(host, dns.lookup(host), redirected);
      }
    } catch (RefusedAddressException e) {
      throw new FetchException(Reason.REFUSED_ADDRESS, e.getMessage());
    } catch (UnknownHostException e) {
      throw new FetchException(Reason.UNREACHABLE, "the host " + host + " could not be resolved");
    }
  }

  private List<InetAddress> guardedLookup(String host) throws UnknownHostException {
    List<InetAddress> addresses = dns.lookup(host);
    check(host, addresses, false);
    return addresses;
  }

  private void check(String host, List<InetAddress> addresses, boolean redirected)
      throws RefusedAddressException {
    for (InetAddress a : addresses) {
      Optional<String> why = policy.refusal(a);
      if (why.isPresent()) {
        boolean literal = IpRange.looksLikeIp(host);
        throw new RefusedAddressException(
            (redirected ? "a redirect led to " : "")
                + (literal ? "" : "the host " + host + " resolves to ")
                + why.get()
                + "; refused to protect the local network (SSRF guard)"
                + (policy.allowed().isEmpty()
                    ? ""
                    : "; allowed exceptions: " + String.join(", ", policy.allowed())));
      }
    }
  }

  /** A refusal thrown from inside OkHttp's DNS step; an {@link UnknownHostException} on purpose. */
  private static final class RefusedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddressException(String message) {
      super(message);
    }
  }

  /** Builds a {@link PageFetcher}; every setting is checked when set. */
  public static final class Builder {
    private AddressPolicy policy = AddressPolicy.defaults();
    private Dns dns = Dns.SYSTEM;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(15);
    private Duration callTimeout = Duration.ofSeconds(30);
    private long maxBytes = 5L << 20;
    private int maxChars = DEFAULT_MAX_CHARS;
    private int maxRedirects = 5;
    private String userAgent = "Frugal/0.1 (budget-aware agent; +open tool)";

    private Builder() {}

    /** Which addresses may be fetched; public addresses only unless set. */
    public Builder addressPolicy(AddressPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The resolver (the system's by default); every answer is checked against the policy. */
    public Builder dns(Dns dns) {
      this.dns = Objects.requireNonNull(dns, "dns");
      return this;
    }

    /** How long connecting may take (positive). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = PositiveDuration.require(d, "connectTimeout");
      return this;
    }

    /** How long reading may pause (positive). */
    public Builder readTimeout(Duration d) {
      this.readTimeout = PositiveDuration.require(d, "readTimeout");
      return this;
    }

    /** How long one whole fetch may take, redirects included (positive). */
    public Builder callTimeout(Duration d) {
      this.callTimeout = PositiveDuration.require(d, "callTimeout");
      return this;
    }

    /** The size cap in bytes; larger bodies are refused. */
    public Builder maxBytes(long bytes) {
      if (bytes < 1) throw new IllegalArgumentException("maxBytes must be >= 1, got " + bytes);
      this.maxBytes = bytes;
      return this;
    }

    /** Characters of text kept per page; the rest is cut and the cut is announced. */
    public Builder maxChars(int chars) {
      if (chars < 1) throw new IllegalArgumentException("maxChars must be >= 1, got " + chars);
      this.maxChars = chars;
      return this;
    }

    /** How many redirects are followed (at least 0). */
    public Builder maxRedirects(int n) {
      if (n < 0) throw new IllegalArgumentException("maxRedirects must be >= 0, got " + n);
      this.maxRedirects = n;
      return this;
    }

    /** The User-Agent header sent. */
    public Builder userAgent(String ua) {
      if (ua == null || ua.isBlank()) throw new IllegalArgumentException("userAgent is blank");
      this.userAgent = ua;
      return this;
    }

    /** Builds the fetcher. */
    public PageFetcher build() {
      return new PageFetcher(this);
    }
  }
}
