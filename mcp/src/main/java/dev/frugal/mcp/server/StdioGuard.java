package dev.frugal.mcp.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.json.McpJsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Stands between a stdio client and the MCP server: reads newline-delimited messages (JSON-RPC 2.0
 * over stdio, as the MCP specification's "Transports, stdio" section describes), answers each line
 * that is not a valid message with a JSON-RPC error (-32700 parse error, -32600 invalid request, as
 * in the JSON-RPC 2.0 specification's "Error object" section) and keeps reading, so that one bad
 * line cannot stop the server; a message longer than {@link #MAX_MESSAGE_BYTES} is skipped with an
 * error. Valid messages go on to the server; at the end of the input the server's input ends too.
 * Replies of the server and of the guard are written whole lines at a time, never interleaved.
 */
final class StdioGuard {
  /** The longest message read, in bytes (16 MiB). */
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final InputStream in;
  private final LineWriter out;
  private final PipedOutputStream toServer;
  private final PipedInputStream serverIn;
  private final McpJsonMapper mapper;
  private final int maxBytes;

  StdioGuard(InputStream in, OutputStream out, McpJsonMapper mapper, int maxBytes) {
    this.in = in;
    this.out = new LineWriter(out);
    this.mapper = mapper;
    this.maxBytes = maxBytes;
    try {
      this.serverIn = new PipedInputStream(64 * 1024);
      this.toServer = new PipedOutputStream(serverIn);
    } catch (IOException e) {
      throw new IllegalStateException("could not connect the MCP server's input", e);
    }
  }

  /** What the server reads: the valid messages only. */
  InputStream serverInput() {
    return serverIn;
  }

  /** Where the server writes: whole lines, never interleaved with the guard's replies. */
  OutputStream serverOutput() {
    return out;
  }

  /** Starts reading {@code in} on its own daemon thread. */
  Thread start() {
    Thread t = new Thread(this::run, "frugal-mcp-stdin");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void run() {
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean tooLong = false;
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf, 0, buf.length)) >= 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            if (tooLong) {
              reply(error(null, -32600, tooLongMessage()));
            } else {
              handle(line.toByteArray());
            }
            line.reset();
            tooLong = false;
          } else if (!tooLong) {
            if (line.size() >= maxBytes) {
              tooLong = true;
              line = new ByteArrayOutputStream();
            } else {
              line.write(b);
            }
          }
        }
      }
      if (tooLong) reply(error(null, -32600, tooLongMessage()));
      else if (line.size() > 0) handle(line.toByteArray());
    } catch (IOException e) {
      // the input is gone: end the server's input as at its end
    } finally {
      try {
        toServer.close();
      } catch (IOException ignored) {
        // nothing more can be delivered
      }
    }
  }

  private String tooLongMessage() {
    return "Invalid Request: a message may be at most "
        + maxBytes
        + " bytes (one JSON-RPC message per line); this one was longer and was skipped";
  }

  private void handle(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
    if (text.isBlank()) return;
    String problem = check(text);
    if (problem == null) {
      toServer.write(text.getBytes(StandardCharsets.UTF_8));
      toServer.write('\n');
      toServer.flush();
      return;
    }
    reply(problem);
  }

  /** Null when {@code text} is a message the server can take; otherwise the error to answer. */
  String check(String text) {
    return JsonRpcCheck.problem(text, mapper, "line");
  }

  private static String error(JsonNode id, int code, String message) {
    return JsonRpcCheck.error(id, code, message);
  }

  private void reply(String line) throws IOException {
    out.writeLine(line.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes whole lines to the client: what the server writes is held until its newline. */
  static final class LineWriter extends OutputStream {
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineWriter(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      byte[] ready = null;
      synchronized (pending) {
        int start = off;
        for (int i = off; i < off + len; i++) {
          if (b[i] == '\n') {
            pending.write(b, start, i - start + 1);
            start = i + 1;
            ready = pending.toByteArray();
            pending.reset();
            writeWhole(ready);
          }
        }
        pending.write(b, start, off + len - start);
      }
    }

    void writeLine(byte[] line) throws IOException {
      byte[] whole = new byte[line.length + 1];
      System.arraycopy(line, 0, whole, 0, line.length);
      whole[line.length] = '\n';
      writeWhole(whole);
    }

    private void writeWhole(byte[] bytes) throws IOException {
      synchronized (out) {
        out.write(bytes);
        out.flush();
      }
    }

    @Override
    public void flush() {
      // lines are flushed as they complete
    }

    @Override
    public void close() throws IOException {
      synchronized (out) {
        out.flush();
      }
    }
  }
}
