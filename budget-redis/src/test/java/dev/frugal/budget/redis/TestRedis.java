package dev.frugal.budget.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find a real Redis: {@code FRUGAL_TEST_REDIS_URL} (set by {@code .ci/redis}), and
 * the {@code redis-server} binary for tests that start and restart their own. Under {@code CI=true}
 * a missing one fails the test; locally it skips with a message saying how to provide it.
 */
final class TestRedis {
  private TestRedis() {}

  static String url() {
    String url = System.getenv("FRUGAL_TEST_REDIS_URL");
    if (url == null || url.isBlank()) unavailable("FRUGAL_TEST_REDIS_URL is not set");
    return url;
  }

  static Path serverBinary() {
    String configured = System.getenv("FRUGAL_TEST_REDIS_SERVER");
    Optional<Path> found =
        configured != null && !configured.isBlank()
            ? Optional.of(Path.of(configured))
            : java.util.stream.Stream.of(
                    System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(d -> Path.of(d, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst();
    if (found.isEmpty() || !Files.isExecutable(found.get())) {
      unavailable("no redis-server binary on PATH (or FRUGAL_TEST_REDIS_SERVER)");
    }
    return found.get();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * Starts {@code binary} on 127.0.0.1:{@code port} with an append-only file in {@code data}
   * written on every command (so a SIGKILL loses nothing acknowledged), and waits for its PONG.
   */
  static Process startPersistent(Path binary, int port, Path data, Path log) throws Exception {
    Process p =
        new ProcessBuilder(
                binary.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--dir",
                data.toString(),
                "--save",
                "",
                "--appendonly",
                "yes",
                "--appendfsync",
                "always")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try (redis.clients.jedis.JedisPooled j =
          new redis.clients.jedis.JedisPooled(
              new redis.clients.jedis.HostAndPort("127.0.0.1", port))) {
        if ("PONG".equals(j.ping())) return p;
      } catch (RuntimeException notYet) {
        Thread.sleep(50);
      }
    }
    p.destroyForcibly();
    throw new AssertionError("redis-server did not answer on port " + port);
  }

  /** A key prefix no other test uses. */
  static String prefix(String test) {
    return "t-" + test + "-" + Long.toHexString(System.nanoTime());
  }

  private static void unavailable(String what) {
    String msg =
        what
            + ": these tests need a real Redis. Run them through .ci/run, or install redis-server"
            + " and start it (redis-server --port 6390 --save '') and set"
            + " FRUGAL_TEST_REDIS_URL=redis://127.0.0.1:6390";
    if ("true".equals(System.getenv("CI"))) fail(msg);
    Assumptions.abort(msg);
  }
}
