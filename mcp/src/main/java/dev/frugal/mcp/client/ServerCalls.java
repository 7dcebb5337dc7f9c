package dev.frugal.mcp.client;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the blocking calls to one MCP server with a time limit, and ends the wait at once when the
 * server's process has ended (stdio), instead of at the limit: nothing will answer then.
 */
final class ServerCalls {
  private static final long POLL_MILLIS = 50;

  private final String server;
  private final ExecutorService executor;
  private final StdioTransport stdio;

  ServerCalls(String server, ExecutorService executor, StdioTransport stdio) {
    this.server = server;
    this.executor = executor;
    this.stdio = stdio;
  }

  /**
   * The result of {@code op}, run within {@code limit}.
   *
   * @throws TimeoutException when it takes longer, naming the server and {@code what}
   * @throws IllegalStateException at once when the server process has ended, saying how
   */
  <T> T await(Callable<T> op, Duration limit, String what)
      throws TimeoutException, InterruptedException {
    Future<T> pending = executor.submit(op);
    long deadline = System.nanoTime() + limit.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          pending.cancel(true);
          throw new TimeoutException(
              "MCP server '"
                  + server
                  + "' gave no answer within "
                  + limit.toMillis()
                  + " ms while "
                  + what
                  + " (timeout)"
                  + skippedNote());
        }
        try {
          return pending.get(
              Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, POLL_MILLIS),
              TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          String ended = stdio == null ? null : stdio.ended();
          if (ended != null && !pending.isDone()) {
            pending.cancel(true);
            throw new IllegalStateException(
                "MCP server '" + server + "' " + ended + ", while " + what + skippedNote());
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String ended = stdio == null ? null : stdio.ended();
      if (ended != null) {
        throw new IllegalStateException(
            "MCP server '" + server + "' " + ended + ", while " + what + skippedNote(), cause);
      }
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause.getMessage(), cause);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  /** Whether the server process is known to have ended, and how; null while it runs. */
  String ended() {
    return stdio == null ? null : stdio.ended();
  }

  private String skippedNote() {
    if (stdio == null || stdio.skippedLines() == 0) return "";
    return "; "
        + stdio.skippedLines()
        + " line(s) it wrote were not JSON-RPC messages and were skipped, the last: "
        + StdioTransport.printable(stdio.lastSkipped());
  }
}
