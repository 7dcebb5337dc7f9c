import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately faulty MCP server for the client's tests, run as {@code java
 * MisbehavingMcpServer.java MODE [N]}. It speaks just enough of the protocol (initialize,
 * tools/list, tools/call over stdio) to get a client going, then misbehaves as MODE says: junk
 * (prints lines that are not JSON-RPC before each reply), die-at-start (exits 3 before reading),
 * cursor-loop (every tools/list page points to another), die-on-call (exits 4 on tools/call),
 * tools N (lists N tools), big-result N (a tool result of N characters), escapes (control
 * characters in its names and descriptions).
 */
public class MisbehavingMcpServer {
  static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|-?\\d+)");
  static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([^\"]*)\"");

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 0;
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    if (mode.equals("die-at-start")) {
      System.err.println("fake server: missing configuration, giving up");
      System.exit(3);
    }
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    int page = 0;
    while ((line = in.readLine()) != null) {
      Matcher m = METHOD.matcher(line);
      Matcher i = ID.matcher(line);
      if (!m.find() || !i.find()) continue;
      String method = m.group(1);
      String id = i.group(1);
      if (mode.equals("junk")) {
        out.println("Starting up... this is not JSON");
        out.println("{\"half\": ");
      }
      String name = mode.equals("escapes") ? "fake\\u001b[31mRED" : "fake";
      String result;
      switch (method) {
        case "initialize" ->
            result =
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                    + "\"serverInfo\":{\"name\":\""
                    + name
                    + "\",\"version\":\"1\\u0007\"}}";
        case "tools/list" -> {
          StringBuilder tools = new StringBuilder("[");
          int count = mode.equals("tools") ? n : 1;
          for (int k = 0; k < count; k++) {
            if (k > 0) tools.append(',');
            String tname = count == 1 ? "echo" : "t" + k;
            String desc =
                mode.equals("escapes") ? "Echoes\\u001b]0;owned\\u0007 text\\u001b[2J" : "Echoes";
            tools.append("{\"name\":\"")
                .append(tname)
                .append("\",\"description\":\"")
                .append(desc)
                .append("\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"text\":")
                .append("{\"type\":\"string\"}}}}");
          }
          tools.append(']');
          String cursor = mode.equals("cursor-loop") ? ",\"nextCursor\":\"p" + (++page) + "\"" : "";
          result = "{\"tools\":" + tools + cursor + "}";
        }
        case "tools/call" -> {
          if (mode.equals("die-on-call")) {
            System.err.println("fake server: crashed while calling");
            System.exit(4);
          }
          String text = mode.equals("big-result") ? "x".repeat(n) : "echo";
          result = "{\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"isError\":false}";
        }
        case "ping" -> result = "{}";
        default -> {
          out.println(
              "{\"jsonrpc\":\"2.0\",\"id\":"
                  + id
                  + ",\"error\":{\"code\":-32601,\"message\":\"no such method\"}}");
          out.flush();
          continue;
        }
      }
      out.println("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}");
      out.flush();
    }
  }
}
