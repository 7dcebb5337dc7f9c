package dev.frugal.examples.web;

import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code frugal web --port N}: the page and its endpoints on 127.0.0.1 (docs/web.md, "Running it").
 * Bad flags print what was wrong and exit 2; a port already taken exits 2 too.
 */
@SpringBootApplication
public class FrugalWebApp {

  /** Exit code for bad input, as the CLI's. */
  static final int EXIT_BAD_INPUT = 2;

  public static void main(String[] args) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println(WebOptions.USAGE);
      return;
    }
    WebOptions options;
    try {
      options = WebOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("frugal web: " + e.getMessage());
      System.exit(EXIT_BAD_INPUT);
      return;
    }
    try {
      ConfigurableApplicationContext ctx = start(options);
      ctx.registerShutdownHook();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) root = root.getCause();
      if (root instanceof java.net.BindException || portInUse(e)) {
        System.err.println(
            "frugal web: port "
                + options.port()
                + " on "
                + options.address()
                + " is in use; pick another with --port N (or --port 0 for any free port)");
        System.exit(EXIT_BAD_INPUT);
      }
      System.err.println("frugal web: could not start: " + root.getMessage());
      System.exit(1);
    }
  }

  private static boolean portInUse(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals("PortInUseException")) return true;
      if (t.getCause() == t) break;
    }
    return false;
  }

  /** Starts the application with the properties {@code options} stand for. */
  static ConfigurableApplicationContext start(WebOptions options) {
    SpringApplication app = new SpringApplication(FrugalWebApp.class);
    // as command-line properties, which win over application.properties (default properties
    // would lose to it); the key stays out of them, a default property (nothing else sets it)
    java.util.Map<String, Object> props = new java.util.LinkedHashMap<>(options.properties());
    Object key = props.remove("frugal.model.api-key");
    if (key != null) app.setDefaultProperties(java.util.Map.of("frugal.model.api-key", key));
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    app.setLogStartupInfo(false);
    app.addListeners(
        (org.springframework.context.ApplicationListener<WebServerInitializedEvent>)
            event ->
                System.out.println(
                    "frugal web: serving http://"
                        + options.address()
                        + ":"
                        + event.getWebServer().getPort()
                        + "/ ("
                        + (options.simulated()
                            ? "SIMULATED model "
                                + options.model()
                                + ", a policy simulation"
                                + " over the bundled HotpotQA corpus, not a language model"
                            : "model " + options.model() + " at " + options.baseUrl())
                        + "); stop with Ctrl-C"));
    return app.run(args);
  }
}
