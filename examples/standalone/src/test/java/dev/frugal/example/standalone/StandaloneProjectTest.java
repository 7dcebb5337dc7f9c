package dev.frugal.example.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A user's project on the BOM alone: its classpath has one Jackson release, and the README's agent
 * runs end to end against a local OpenAI-compatible server (a fake on 127.0.0.1 that answers every
 * chat request with a fixed reply and usage; it stands in for a real model).
 */
class StandaloneProjectTest {

  @Test
  void everyJacksonArtifactOnTheClasspathIsOneRelease() {
    String databind = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
    String core = com.fasterxml.jackson.core.json.PackageVersion.VERSION.toString();
    assertEquals(core, databind, "jackson-databind and jackson-core must be the same release");
  }

  @Test
  void theReadmeAgentAnswersAndChargesItsModelAgainstALocalServer() throws IOException {
    String reply =
        "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
            + "\"<answer>300</answer>\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":10,\"total_tokens\":1010}}";
    AtomicInteger requests = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          requests.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          byte[] body = reply.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
      RunResult r = Multiply.agent(base, "test-key").run("What is 12.5 times 8, times 3?");
      assertTrue(r.stopReason() instanceof StopReason.Answered, () -> r.stopReason().describe());
      assertEquals("300", r.answer().orElseThrow());
      assertEquals(1, requests.get());
      // 1000 input tokens at $0.15 and 10 output tokens at $0.60 per million
      assertEquals(1000 * 0.15e-6 + 10 * 0.60e-6, r.usd(), 1e-12);
    } finally {
      server.stop(0);
    }
  }
}
