package dev.frugal.examples.web;

import dev.frugal.core.budget.PriceTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flags of {@code frugal web} (docs/web.md, "Running it"): {@code --port N} (required), and the
 * real-model flags of {@code frugal ask} ({@code --base-url}, {@code --model}, {@code --price-in},
 * {@code --price-out}); without {@code --base-url} the SIMULATED model answers. A bad flag is an
 * {@link IllegalArgumentException} whose message says what would be valid; the launcher exits 2
 * with it.
 */
record WebOptions(
    int port,
    String address,
    String model,
    String baseUrl,
    Double priceIn,
    Double priceOut,
    double usd,
    String strategy) {

  static final String USAGE =
      String.join(
          "\n",
          "Usage: frugal web --port N [--address IP] [--usd USD] [--strategy NAME]",
          "                  [--base-url URL --model NAME [--price-in USD --price-out USD]]",
          "Serves the Frugal web page and its JSON endpoints (docs/web.md).",
          "  --port N          port to listen on: 1-65535, or 0 for any free port (required)",
          "  --address IP      address to bind (default 127.0.0.1: this machine only)",
          "  --usd USD         the page's default dollar cap per question (default 0.10)",
          "  --strategy NAME   react, react+tracker (default), budget-forcing, bats, bavt",
          "  --model NAME      sim-large (default) or sim-small: SIMULATED models over the bundled",
          "                    HotpotQA corpus; with --base-url, the real model's name",
          "  --base-url URL    an OpenAI-compatible server (key in FRUGAL_API_KEY or",
          "                    OPENAI_API_KEY), e.g. http://localhost:11434/v1 for Ollama",
          "  --price-in USD    USD per 1M input tokens of a real --model (default: its row of",
          "                    ./frugal prices; a model without one needs both flags)",
          "  --price-out USD   USD per 1M output tokens of a real --model");

  /** The default dollar cap of one question. */
  static final double DEFAULT_USD = 0.10;

  /** The simulated models the testbed bundles. */
  static final List<String> SIMULATED = List.of("sim-large", "sim-small");

  /** True when the SIMULATED model answers (no {@code --base-url}). */
  boolean simulated() {
    return baseUrl == null;
  }

  /** Parses {@code frugal web}'s arguments. */
  static WebOptions parse(String[] args) {
    Integer port = null;
    String address = "127.0.0.1";
    String model = null;
    String baseUrl = null;
    Double priceIn = null;
    Double priceOut = null;
    double usd = DEFAULT_USD;
    String strategy = "react+tracker";
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      String value = null;
      int eq = flag.indexOf('=');
      if (flag.startsWith("--") && eq > 0) {
        value = flag.substring(eq + 1);
        flag = flag.substring(0, eq);
      }
      if (!List.of(
              "--port",
              "--address",
              "--model",
              "--base-url",
              "--price-in",
              "--price-out",
              "--usd",
              "--strategy")
          .contains(flag)) {
        throw new IllegalArgumentException(
            "unknown argument '"
                + args[i]
                + "'; valid: --port N, --address IP, --usd USD, --strategy NAME, --model NAME,"
                + " --base-url URL, --price-in USD, --price-out USD (see --help)");
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value (see --help)");
        }
        value = args[++i];
      }
      switch (flag) {
        case "--port" -> port = port(value);
        case "--address" -> address = value;
        case "--model" -> model = value.strip();
        case "--base-url" -> baseUrl = value.strip();
        case "--price-in" -> priceIn = dollars(flag, value, true);
        case "--price-out" -> priceOut = dollars(flag, value, true);
        case "--usd" -> usd = dollars(flag, value, false);
        case "--strategy" -> strategy = strategy(value);
        default -> throw new AssertionError(flag);
      }
    }
    if (port == null) {
      throw new IllegalArgumentException(
          "--port N is required: the port to serve the page on, 1-65535 (or 0 for any free"
              + " port), e.g. ./frugal web --port 8080");
    }
    if (baseUrl == null) {
      if (priceIn != null || priceOut != null) {
        throw new IllegalArgumentException(
            "--price-in and --price-out price a real model; give --base-url URL --model NAME too,"
                + " or drop them (the simulated models are priced by their profiles)");
      }
      if (model == null) model = "sim-large";
      if (!SIMULATED.contains(model)) {
        throw new IllegalArgumentException(
            "without --base-url the model is simulated: --model must be one of "
                + String.join(", ", SIMULATED)
                + ", got '"
                + model
                + "'; for a real model give --base-url URL --model NAME");
      }
    } else {
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException(
            "--base-url needs --model NAME: the model's name as the server knows it (e.g."
                + " gpt-4o-mini, llama3.1 on Ollama)");
      }
      if ((priceIn == null) != (priceOut == null)) {
        throw new IllegalArgumentException(
            "give both --price-in and --price-out (USD per 1M tokens) for model '"
                + model
                + "', got only "
                + (priceIn == null ? "--price-out" : "--price-in"));
      }
      if (priceIn == null && PriceTable.catalog().find(model).isEmpty()) {
        throw new IllegalArgumentException(
            "no price for model '"
                + model
                + "': give --price-in and --price-out (USD per 1M tokens; 0 for a free local"
                + " model), or name a model of ./frugal prices");
      }
    }
    return new WebOptions(port, address, model, baseUrl, priceIn, priceOut, usd, strategy);
  }

  /**
   * The Spring properties these flags stand for: the server's port and address, and the starter's
   * {@code frugal.*} (docs/web.md, "Running it").
   */
  Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("server.port", port);
    p.put("server.address", address);
    p.put("frugal.model.name", model);
    p.put("frugal.strategy", strategy);
    p.put("frugal.budget.usd", WebSettings.MAX_USD);
    p.put("web.default-usd", usd);
    p.put("web.simulated", simulated());
    if (!simulated()) {
      p.put("frugal.model.base-url", baseUrl);
      String key = System.getenv("FRUGAL_API_KEY");
      if (key == null || key.isBlank()) key = System.getenv("OPENAI_API_KEY");
      if (key != null && !key.isBlank()) p.put("frugal.model.api-key", key);
      // the corpus tools at the default unit price, declared as frugal ask declares them
      p.put("frugal.prices.tools.search", PriceTable.DEFAULT_TOOL_UNIT_USD);
      p.put("frugal.prices.tools.open", PriceTable.DEFAULT_TOOL_UNIT_USD);
      if (priceIn != null) {
        p.put("frugal.prices.input-per-million", priceIn);
        p.put("frugal.prices.output-per-million", priceOut);
      }
    }
    return p;
  }

  private static int port(String value) {
    int p;
    try {
      p = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--port must be a whole number 1-65535 (or 0 for any free port), got '" + value + "'");
    }
    if (p < 0 || p > 65535) {
      throw new IllegalArgumentException(
          "--port must be 1-65535 (or 0 for any free port), got " + p);
    }
    return p;
  }

  private static double dollars(String flag, String value, boolean zeroAllowed) {
    double d;
    try {
      d = Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      d = Double.NaN;
    }
    if (Double.isNaN(d) || Double.isInfinite(d) || d < 0 || (!zeroAllowed && d == 0)) {
      throw new IllegalArgumentException(
          flag
              + " must be a number of dollars "
              + (zeroAllowed ? "0 or more" : "above 0")
              + (flag.equals("--usd")
                  ? String.format(Locale.ROOT, ", at most %s", WebSettings.MAX_USD)
                  : "")
              + ", got '"
              + value
              + "'");
    }
    if (flag.equals("--usd") && d > WebSettings.MAX_USD) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "--usd must be at most %s dollars, got %s", WebSettings.MAX_USD, value));
    }
    return d;
  }

  private static String strategy(String value) {
    List<String> valid = List.of("react", "react+tracker", "budget-forcing", "bats", "bavt");
    String s = value.strip();
    if (!valid.contains(s)) {
      throw new IllegalArgumentException(
          "--strategy must be one of " + String.join(", ", valid) + ", got '" + value + "'");
    }
    return s;
  }
}
