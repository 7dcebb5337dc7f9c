package dev.frugal.mcp.server;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A {@link BudgetedToolServer} served over the MCP streamable HTTP transport (the MCP
 * specification's "Transports, Streamable HTTP" section) at {@link #PATH}, by the MCP SDK's servlet
 * in an embedded Jetty. Each client session (its {@code Mcp-Session-Id}) has its own budget, as
 * over stdio. The server binds the address it is given (127.0.0.1 unless told otherwise) and
 * accepts only requests whose {@code Host} names that address, so that a web page on another site
 * cannot reach it by DNS rebinding (the same section, "Security Warning"). A request body that is
 * not one JSON-RPC 2.0 message is answered 400 with a JSON-RPC error saying what was wrong, and the
 * server keeps serving.
 */
public final class StreamableHttpServer implements AutoCloseable {
  /** Where the MCP endpoint is served. */
  public static final String PATH = "/mcp";

  /** The header naming a client's session (the same section, "Session Management"). */
  static final String SESSION_HEADER = "Mcp-Session-Id";

  /** The longest request body read, in bytes (the same as one stdio message). */
  static final int MAX_BODY_BYTES = StdioGuard.MAX_MESSAGE_BYTES;

  private final Server jetty;
  private final McpSyncServer mcp;
  private final URI uri;

  private StreamableHttpServer(Server jetty, McpSyncServer mcp, URI uri) {
    this.jetty = jetty;
    this.mcp = mcp;
    this.uri = uri;
  }

  /**
   * Starts serving {@code tools} on {@code host} (an address of this machine, such as {@code
   * 127.0.0.1}) and {@code port} (0 for a free one).
   *
   * @throws IllegalArgumentException when the port is out of range or the host is not an address of
   *     this machine
   * @throws IOException when the port cannot be listened on (in use, not allowed)
   */
  public static StreamableHttpServer start(BudgetedToolServer tools, String host, int port)
      throws IOException {
    Objects.requireNonNull(tools, "tools");
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(
          "the port must be 0 to 65535 (0 picks a free port), got " + port);
    }
    InetAddress address = localAddress(host);
    McpJsonMapper mapper = McpJsonDefaults.getMapper();
    HttpServletStreamableServerTransportProvider transport =
        HttpServletStreamableServerTransportProvider.builder()
            .jsonMapper(mapper)
            .mcpEndpoint(PATH)
            .maxRequestSize(MAX_BODY_BYTES)
            .securityValidator(
                DefaultServerTransportSecurityValidator.builder()
                    .allowedHosts(allowedHosts(address))
                    .allowedOrigins(allowedHosts(address).stream().map(h -> "http://" + h).toList())
                    .build())
            .build();
    McpSyncServer mcp = tools.mcpServer(McpServer.sync(transport));
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(address.getHostAddress());
    connector.setPort(port);
    jetty.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(transport), "/*");
    context.addFilter(
        new FilterHolder(new MessageFilter(mapper, tools)),
        PATH,
        EnumSet.of(DispatcherType.REQUEST));
    jetty.setHandler(context);
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      mcp.close();
      throw new IOException(
          "could not listen on "
              + hostInUri(address)
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); choose another port, or 0 for a free one",
          e);
    }
    URI uri = URI.create("http://" + hostInUri(address) + ":" + connector.getLocalPort() + PATH);
    return new StreamableHttpServer(jetty, mcp, uri);
  }

  /** Where clients connect, such as {@code http://127.0.0.1:8765/mcp}. */
  public URI uri() {
    return uri;
  }

  /** The port listened on (the one chosen when 0 was asked for). */
  public int port() {
    return uri.getPort();
  }

  /** Closes the client sessions and stops listening. */
  @Override
  public void close() {
    try {
      mcp.closeGracefully();
    } finally {
      stopQuietly(jetty);
    }
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      // stopping is best effort: the process is usually ending
    }
  }

  private static InetAddress localAddress(String host) {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "'" + host + "' is not a host address; give an address of this machine, e.g. 127.0.0.1");
    }
    boolean local;
    try {
      local =
          address.isLoopbackAddress()
              || address.isAnyLocalAddress()
              || java.net.NetworkInterface.getByInetAddress(address) != null;
    } catch (IOException e) {
      local = false;
    }
    if (!local) {
      throw new IllegalArgumentException(
          "'"
              + host
              + "' is not an address of this machine; give one of its addresses, e.g. 127.0.0.1");
    }
    return address;
  }

  /** The Host values a client of {@code address} sends, any port. */
  private static List<String> allowedHosts(InetAddress address) {
    List<String> hosts = new ArrayList<>();
    hosts.add(hostInUri(address) + ":*");
    if (address.isLoopbackAddress()) {
      hosts.add("localhost:*");
      hosts.add("127.0.0.1:*");
      hosts.add("[::1]:*");
    }
    return hosts;
  }

  private static String hostInUri(InetAddress address) {
    String a = address.getHostAddress();
    return a.contains(":") ? "[" + a + "]" : a;
  }

  /**
   * Answers a POST whose body is not one JSON-RPC 2.0 message (not JSON, an array, no method)
   * itself, with HTTP 400 and a JSON-RPC error, before the SDK's servlet sees it; passes the others
   * on with the body as read.
   */
  static final class MessageFilter extends HttpFilter {
    private final transient McpJsonMapper mapper;
    private final transient BudgetedToolServer tools;

    MessageFilter(McpJsonMapper mapper, BudgetedToolServer tools) {
      this.mapper = mapper;
      this.tools = tools;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      if ("DELETE".equals(req.getMethod())) {
        // the client ends its session: once the SDK has forgotten it, its budget goes too
        String session = req.getHeader(SESSION_HEADER);
        chain.doFilter(req, res);
        if (res.getStatus() < 300) tools.endSession(session);
        return;
      }
      if (!"POST".equals(req.getMethod())) {
        chain.doFilter(req, res);
        return;
      }
      byte[] body = read(req.getInputStream());
      if (body == null) {
        answer(
            res,
            HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
            JsonRpcCheck.error(
                null,
                -32600,
                "Invalid Request: a message may be at most "
                    + MAX_BODY_BYTES
                    + " bytes; this one was longer and was not read"));
        return;
      }
      String text = new String(body, StandardCharsets.UTF_8);
      String problem =
          text.isBlank()
              ? JsonRpcCheck.error(
                  null,
                  -32600,
                  "Invalid Request: the request body is empty; send one JSON-RPC message")
              : JsonRpcCheck.problem(text, mapper, "request body");
      if (problem != null) {
        answer(res, HttpServletResponse.SC_BAD_REQUEST, problem);
        return;
      }
      chain.doFilter(new ReadBody(req, body), res);
    }

    /** The body, or null when it is longer than {@link #MAX_BODY_BYTES}. */
    private static byte[] read(InputStream in) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) >= 0) {
        if (out.size() + n > MAX_BODY_BYTES) return null;
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }

    private static void answer(HttpServletResponse res, int status, String json)
        throws IOException {
      res.setStatus(status);
      res.setContentType("application/json");
      res.setCharacterEncoding("UTF-8");
      res.getWriter().write(json);
      res.getWriter().flush();
    }
  }

  /** A request whose body, already read by the filter, is read again from memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest req, byte[] body) {
      super(req);
      this.body = body;
    }

    @Override
    public String getCharacterEncoding() {
      String e = super.getCharacterEncoding();
      return e == null ? "UTF-8" : e;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body has been read already; read it blocking");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new InputStreamReader(
              new ByteArrayInputStream(body),
              java.nio.charset.Charset.forName(getCharacterEncoding())));
    }
  }
}
