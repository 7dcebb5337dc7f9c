package dev.frugal.mcp.client;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The client side of MCP's stdio transport (the MCP specification, "Transports, stdio"): starts the
 * server process, writes one JSON-RPC message per line to its stdin and reads its stdout line by
 * line. A line that is not a JSON-RPC message (a log line, a half-written message, one over {@link
 * #MAX_LINE_BYTES}) is skipped and counted, never allowed to stop the reading; when the process
 * ends, {@link #ended()} says so at once, with its exit code and last stderr lines, so that waiting
 * callers fail immediately instead of at their timeout.
 */
final class StdioTransport implements McpClientTransport {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(StdioTransport.class);

  /** The longest line read from a server, in bytes (16 MiB). */
  static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

  private final String server;
  private final List<String> command;
  private final McpJsonMapper mapper;
  private final AtomicLong skipped = new AtomicLong();
  private final Deque<String> lastStderr = new ArrayDeque<>();
  private volatile String lastSkipped;
  private volatile Process process;
  private volatile String ended;
  private volatile boolean closing;

  StdioTransport(String server, List<String> command, McpJsonMapper mapper) {
    this.server = server;
    this.command = List.copyOf(command);
    this.mapper = mapper;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return Mono.fromRunnable(
        () -> {
          try {
            process = new ProcessBuilder(command).start();
          } catch (IOException e) {
            ended = "could not be started: " + e.getMessage();
            throw new IllegalStateException("MCP server '" + server + "' " + ended, e);
          }
          daemon("mcp-" + server + "-stderr", () -> readStderr(process.getErrorStream()));
          daemon("mcp-" + server + "-stdout", () -> readStdout(process.getInputStream(), handler));
        });
  }

  private static void daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private void readStderr(InputStream err) {
    try {
      readLines(
          err,
          64 * 1024,
          line -> {
            String text = new String(line, StandardCharsets.UTF_8);
            LOG.debug("[{}] {}", server, text);
            synchronized (lastStderr) {
              String shown = text.length() > 300 ? text.substring(0, 300) + "..." : text;
              lastStderr.addLast(printable(shown));
              while (lastStderr.size() > 3) lastStderr.removeFirst();
            }
          },
          () -> {});
    } catch (IOException ignored) {
      // the process ended
    }
  }

  private void readStdout(
      InputStream out,
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    try {
      readLines(
          out,
          MAX_LINE_BYTES,
          line -> {
            String text = new String(line, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) return;
            McpSchema.JSONRPCMessage message;
            try {
              message = McpSchema.deserializeJsonRpcMessage(mapper, text);
            } catch (Exception e) {
              skip(text);
              return;
            }
            handler
                .apply(Mono.just(message))
                .subscribe(
                    m -> {},
                    e -> LOG.debug("MCP server '{}': handling a message failed: {}", server, e));
          },
          () -> skip("(a line over " + MAX_LINE_BYTES + " bytes)"));
    } catch (IOException ignored) {
      // the process ended
    } finally {
      markEnded();
    }
  }

  private void skip(String line) {
    long n = skipped.incrementAndGet();
    String shown = line.length() > 120 ? line.substring(0, 120) + "..." : line;
    lastSkipped = shown;
    if (n <= 3) {
      LOG.warn(
          "MCP server '{}' wrote a line that is not a JSON-RPC message; skipped: {}",
          server,
          printable(shown));
    }
  }

  /** {@code s} with control characters shown as {@code \\uXXXX}, safe to print or log. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.toString();
  }

  private interface LineSink {
    void accept(byte[] line) throws IOException;
  }

  /** Reads {@code in} line by line; a line over {@code max} bytes is dropped and reported. */
  private static void readLines(InputStream in, int max, LineSink sink, Runnable tooLong)
      throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean over = false;
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buf[i] != '\n') continue;
        if (!over) line.write(buf, start, i - start);
        if (over || line.size() > max) tooLong.run();
        else sink.accept(line.toByteArray());
        line = new ByteArrayOutputStream();
        over = false;
        start = i + 1;
      }
      if (!over) {
        line.write(buf, start, n - start);
        if (line.size() > max) {
          over = true;
          line = new ByteArrayOutputStream();
        }
      }
    }
    if (over) tooLong.run();
    else if (line.size() > 0) sink.accept(line.toByteArray());
  }

  private void markEnded() {
    if (ended != null) return;
    Process p = process;
    String code = "";
    if (p != null) {
      try {
        if (p.waitFor(2, TimeUnit.SECONDS)) code = " with exit code " + p.exitValue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String err;
    synchronized (lastStderr) {
      err = lastStderr.isEmpty() ? "" : "; its last stderr: " + String.join(" | ", lastStderr);
    }
    ended = "ended" + code + " (its output closed)" + err;
  }

  /** Null while the server runs; otherwise how it ended (exit code, last stderr lines). */
  String ended() {
    if (ended == null && closing) return "was closed";
    return ended;
  }

  /** How many lines from the server were not JSON-RPC messages and were skipped. */
  long skippedLines() {
    return skipped.get();
  }

  /** The last line skipped (shortened), or null. */
  String lastSkipped() {
    return lastSkipped;
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(
        () -> {
          Process p = process;
          if (p == null || ended != null) {
            throw new IllegalStateException("MCP server '" + server + "' " + ended());
          }
          try {
            byte[] bytes =
                (mapper.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
            OutputStream in = p.getOutputStream();
            synchronized (this) {
              in.write(bytes);
              in.flush();
            }
          } catch (IOException e) {
            throw new IllegalStateException(
                "MCP server '" + server + "' could not be written to: " + e.getMessage(), e);
          }
        });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(
        () -> {
          closing = true;
          Process p = process;
          if (p == null) return;
          try {
            p.getOutputStream().close();
          } catch (IOException ignored) {
            // already gone
          }
          try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
              p.destroy();
              if (!p.waitFor(2, TimeUnit.SECONDS)) p.destroyForcibly();
            }
          } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
          }
        });
  }

  @Override
  public void close() {
    closeGracefully().block();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return mapper.convertValue(data, typeRef);
  }
}
