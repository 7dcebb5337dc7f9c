package dev.frugal.tools.web;

import dev.frugal.core.intercept.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** A MockWebServer on 127.0.0.1 and a client whose sleeper records waits instead of sleeping. */
final class LocalServer implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final List<Duration> waits = new ArrayList<>();

  LocalServer() {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An address on 127.0.0.1 itself (the server's own {@code url()} may say {@code localhost}). */
  String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  void json(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }

  JsonApiClient client() {
    return client(Duration.ofSeconds(5));
  }

  JsonApiClient client(Duration readTimeout) {
    return JsonApiClient.builder()
        .readTimeout(readTimeout)
        .retry(new RetryPolicy(3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(8), 0))
        .sleeper(waits::add)
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}
