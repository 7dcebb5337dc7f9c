package dev.frugal.testbed.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.sim.SimWorld;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code sim serve} against clients that misbehave: half-sent requests do not block other clients
 * and are answered 408 after the read timeout, and a body that is not JSON gets 400.
 */
@Timeout(120)
class SimServerRobustnessTest {
  static String post(String body, long contentLength) {
    return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
        + "\r\nContent-Length: "
        + contentLength
        + "\r\n\r\n"
        + body;
  }

  @Test
  void halfSentRequestsDoNotBlockOtherClientsAndBadBodiesGet400() throws Exception {
    SimWorld world = new SimWorld(Testbed.load(Testbed.BUNDLED));
    try (SimServer server = SimServer.start(world, 0, 0, 2_000)) {
      List<Socket> stalled = new ArrayList<>();
      try {
        // more half-sent POSTs than the old server had threads
        for (int i = 0; i < 8; i++) {
          Socket s = new Socket("127.0.0.1", server.port());
          OutputStream o = s.getOutputStream();
          o.write(post("{\"model\":", 1000).getBytes(StandardCharsets.US_ASCII));
          o.flush();
          stalled.add(s);
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> notJson =
            http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("this is not json"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("the body is not JSON");
        HttpResponse<String> unknown =
            http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-x\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown model 'gpt-x'");
        // each stalled client is told its request timed out, and its connection is closed
        for (Socket s : stalled) {
          s.setSoTimeout(60_000);
          InputStream in = s.getInputStream();
          String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
          assertThat(reply).startsWith("HTTP/1.1 408 ").contains("did not arrive in time");
        }
      } finally {
        for (Socket s : stalled) s.close();
      }
    }
  }
}
