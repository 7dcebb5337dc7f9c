package dev.frugal.mcp.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where an MCP server is: its name (the prefix of its tools' names) and how to reach it.
 *
 * @param name letters, digits, '-' or '_'; the server's tools are registered as {@code name_tool}
 * @param transport a command to start and talk to over stdio, or a streamable-HTTP endpoint
 */
public record McpServerSpec(String name, Transport transport) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  public McpServerSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "MCP server name '"
              + name
              + "' is not valid; use 1-32 letters, digits, '-' or '_' (e.g. files)");
    }
    java.util.Objects.requireNonNull(transport, "transport");
  }

  /** How the server is reached. */
  public sealed interface Transport {
    /** A local process started with {@code command} and spoken to over its stdin/stdout. */
    record Stdio(List<String> command) implements Transport {
      public Stdio {
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isBlank()) {
          throw new IllegalArgumentException("an stdio MCP server needs a command to run");
        }
      }
    }

    /** A server at a streamable-HTTP endpoint, e.g. {@code http://127.0.0.1:3001/mcp}. */
    record StreamableHttp(URI endpoint) implements Transport {}
  }

  /**
   * Parses {@code name=command args...} (stdio) or {@code name=http(s)://host/path} (streamable
   * HTTP). Arguments are split at spaces; quote one with '...' or "..." to keep its spaces.
   *
   * @throws IllegalArgumentException saying what was wrong and what a valid value looks like
   */
  public static McpServerSpec parse(String value) {
    String example =
        " (e.g. --mcp 'files=npx -y @modelcontextprotocol/server-filesystem /tmp' or --mcp"
            + " 'docs=http://127.0.0.1:3001/mcp')";
    int eq = value == null ? -1 : value.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(
          "--mcp expects NAME=COMMAND ARGS... or NAME=URL, got '" + value + "'" + example);
    }
    String name = value.substring(0, eq).strip();
    String rest = value.substring(eq + 1).strip();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(
          "--mcp '" + value + "' names no command or URL after '='" + example);
    }
    if (rest.startsWith("http://") || rest.startsWith("https://")) {
      URI uri;
      try {
        uri = URI.create(rest);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--mcp '" + value + "': '" + rest + "' is not a valid URL" + example);
      }
      return new McpServerSpec(name, new Transport.StreamableHttp(uri));
    }
    return new McpServerSpec(name, new Transport.Stdio(split(rest, value)));
  }

  private static List<String> split(String s, String whole) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (char c : s.toCharArray()) {
      if (quote != 0) {
        if (c == quote) quote = 0;
        else cur.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (cur.length() > 0 || any) out.add(cur.toString());
        cur.setLength(0);
        any = false;
      } else {
        cur.append(c);
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("--mcp '" + whole + "' has an unclosed quote " + quote);
    }
    if (cur.length() > 0 || any) out.add(cur.toString());
    return out;
  }

  /** {@link #toString()}, shortened in the middle to at most 160 characters for messages. */
  public String brief() {
    String s = toString();
    return s.length() <= 160 ? s : s.substring(0, 100) + " ... " + s.substring(s.length() - 55);
  }

  @Override
  public String toString() {
    return name
        + "="
        + (transport instanceof Transport.Stdio s
            ? String.join(" ", s.command())
            : ((Transport.StreamableHttp) transport).endpoint().toString());
  }
}
