package dev.frugal.tools.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.intercept.Sleeper;
import dev.frugal.tools.settings.PositiveDuration;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Calls a JSON web API over OkHttp and turns every failure into a {@link WebApiException} the model
 * can read.
 *
 * <p>HTTP 429 and 5xx answers and timeouts are tried again under a {@link RetryPolicy} (default: 3
 * attempts, 500 ms doubling up to 8 s, 20% jitter), waiting through an injected {@link Sleeper} so
 * tests never sleep; a {@code Retry-After} of a few seconds is honoured up to the policy's longest
 * backoff. Other HTTP errors, connection failures and bodies that are not JSON fail at once.
 * Messages name the service, the status and at most 200 characters of the error body, with the API
 * key scrubbed out.
 *
 * <p>Defaults [choice]: connect timeout 5 s, read timeout 15 s, bodies up to 4 MiB.
 */
public final class JsonApiClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Random random;
  private final long maxBodyBytes;
  private final Duration readTimeout;

  private JsonApiClient(Builder b) {
    this.http =
        b.client
            .newBuilder()
            .proxy(Proxy.NO_PROXY)
            .connectTimeout(b.connectTimeout)
            .readTimeout(b.readTimeout)
            .writeTimeout(b.readTimeout)
            .build();
    this.retry = b.retry;
    this.sleeper = b.sleeper;
    this.random = new Random(b.seed);
    this.maxBodyBytes = b.maxBodyBytes;
    this.readTimeout = b.readTimeout;
  }

  /** Starts building a client with the default timeouts and retries. */
  public static Builder builder() {
    return new Builder();
  }

  /** A client with the defaults. */
  public static JsonApiClient defaults() {
    return builder().build();
  }

  /**
   * Sends {@code request} and parses the answer as JSON.
   *
   * @param service the API's name for messages, e.g. {@code Brave Search}
   * @param key the key to scrub from messages, or null when the API has none
   */
  public JsonNode call(String service, Request request, ApiKey key) throws WebApiException {
    String last = null;
    for (int attempt = 1; ; attempt++) {
      Duration wait = null;
      try (Response r = http.newCall(request).execute()) {
        int code = r.code();
        if (code == 429 || code >= 500) {
          last =
              service
                  + " answered HTTP "
                  + code
                  + (code == 429 ? " (rate limited)" : " (server error)")
                  + errorDetail(r, key);
          wait = retryAfter(r);
        } else if (!r.isSuccessful()) {
          throw new WebApiException(
              redact(
                  service + " answered HTTP " + code + hint(code, key) + errorDetail(r, key), key));
        } else {
          return parse(service, r, key);
        }
      } catch (InterruptedIOException e) {
        last =
            service
                + " did not answer within "
                + readTimeout.toMillis()
                + " ms ("
                + (e.getMessage() == null ? "timeout" : e.getMessage())
                + ")";
      } catch (IOException e) {
        throw new WebApiException(
            redact(
                service
                    + " could not be reached at "
                    + request.url().scheme()
                    + "://"
                    + request.url().host()
                    + ":"
                    + request.url().port()
                    + ": "
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                key));
      }
      if (attempt >= retry.maxAttempts()) {
        throw new WebApiException(
            redact(last + (attempt > 1 ? "; gave up after " + attempt + " attempts" : ""), key));
      }
      Duration backoff = retry.backoff(attempt, random);
      if (wait != null)
        backoff = wait.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : wait;
      try {
        sleeper.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WebApiException(service + " call interrupted while waiting to retry");
      }
    }
  }

  private JsonNode parse(String service, Response r, ApiKey key) throws WebApiException {
    String body = readBody(service, r, key);
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new WebApiException(service + " sent an empty body where JSON was expected");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new WebApiException(
          redact(
              service
                  + " sent a body that is not valid JSON ("
                  + e.getOriginalMessage()
                  + "); it began: "
                  + abbreviate(body, 80),
              key));
    }
  }

  private String readBody(String service, Response r, ApiKey key) throws WebApiException {
    ResponseBody body = r.body();
    try {
      BufferedSource src = body.source();
      if (src.request(maxBodyBytes + 1)) {
        throw new WebApiException(
            service + " sent more than " + maxBodyBytes + " bytes; refusing to read it all");
      }
      return src.getBuffer().readString(StandardCharsets.UTF_8);
    } catch (InterruptedIOException e) {
      throw new WebApiException(
          service + " stopped sending its answer for more than " + readTimeout.toMillis() + " ms");
    } catch (IOException e) {
      throw new WebApiException(
          redact(service + " answer could not be read: " + e.getMessage(), key));
    }
  }

  private static Duration retryAfter(Response r) {
    String h = r.header("Retry-After");
    if (h == null) return null;
    try {
      long s = Long.parseLong(h.strip());
      return s >= 0 ? Duration.ofSeconds(s) : null;
    } catch (NumberFormatException e) {
      return null; // an HTTP date: fall back to the policy's backoff
    }
  }

  private static String hint(int code, ApiKey key) {
    if ((code == 401 || code == 403) && key != null) {
      return " (the key in " + key.source() + " was refused; check it)";
    }
    return "";
  }

  private static String errorDetail(Response r, ApiKey key) {
    try {
      String text = r.peekBody(2_000).string().strip();
      if (text.isEmpty()) return "";
      return ": " + abbreviate(redact(text, key).replaceAll("\\s+", " "), 200);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String redact(String text, ApiKey key) {
    return key == null ? text : key.redact(text);
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  /** Builds a {@link JsonApiClient}; every setting is checked when set. */
  public static final class Builder {
    private OkHttpClient client = new OkHttpClient();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(15);
    private RetryPolicy retry = RetryPolicy.defaults();
    private Sleeper sleeper = Sleeper.system();
    private long seed = System.nanoTime();
    private long maxBodyBytes = 4L << 20;

    private Builder() {}

    /** The OkHttp client to derive from (shares its connection pool); proxies are always off. */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** How long connecting may take (positive). */
    public Builder connectTimeout(Duration d) {
      this.connectTimeout = PositiveDuration.require(d, "connectTimeout");
      return this;
    }

    /** How long reading a response may take (positive). */
    public Builder readTimeout(Duration d) {
      this.readTimeout = PositiveDuration.require(d, "readTimeout");
      return this;
    }

    /** How rate limits and server errors are retried. */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /** How retries wait; tests inject one that does not sleep. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Seeds the backoff jitter. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The largest response body read, in bytes (at least 1). */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + bytes);
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Builds the client. */
    public JsonApiClient build() {
      return new JsonApiClient(this);
    }
  }
}
