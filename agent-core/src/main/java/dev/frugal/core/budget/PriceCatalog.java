package dev.frugal.core.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A dated list of the published prices of common hosted models (OpenAI, Anthropic, Google Gemini,
 * Mistral), bundled with agent-core as {@code dev/frugal/core/budget/price-catalog.json}. Each row
 * gives USD per 1M input, cached-input and output tokens, the page the price was published on and
 * the date it was taken. Prices change: a row is a starting point to check, never a guarantee.
 *
 * <p>The catalog is only ever used when asked for: {@link
 * PriceTable.Builder#fromCatalog(String...)} copies the rows of the models it names into a price
 * table, and the CLI falls back to it for {@code --model} when {@code --price-in} / {@code
 * --price-out} are not given. Nothing prices a model from the catalog silently.
 */
public final class PriceCatalog {
  /** Where the bundled catalog lives on the classpath. */
  public static final String RESOURCE = "/dev/frugal/core/budget/price-catalog.json";

  /**
   * One model's published price.
   *
   * @param model the model name as the provider's API takes it
   * @param provider openai, anthropic, google or mistral
   * @param price USD per 1M input, cached-input and output tokens
   * @param source the page the price was published on
   * @param date the day the price was taken from that page
   */
  public record Entry(
      String model, String provider, ModelPrice price, String source, LocalDate date) {}

  private static volatile PriceCatalog bundled;

  private final Map<String, Entry> entries;

  private PriceCatalog(Map<String, Entry> entries) {
    this.entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  /** The catalog bundled with agent-core, read once. */
  public static PriceCatalog bundled() {
    PriceCatalog c = bundled;
    if (c == null) {
      try (InputStream in = PriceCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
        c = read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
      }
      bundled = c;
    }
    return c;
  }

  /**
   * Reads a catalog in the bundled file's form: {@code {"models": [{"model", "provider", "input",
   * "cachedInput", "output", "source", "date"}, ...]}}.
   *
   * @throws IllegalArgumentException naming the row and field that is missing or wrong
   */
  public static PriceCatalog read(InputStream in) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("price catalog is not valid JSON: " + e.getMessage(), e);
    }
    JsonNode rows = root == null ? null : root.get("models");
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException("price catalog must be an object with a \"models\" array");
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode r = rows.get(i);
      String where = "models[" + i + "]";
      String model = text(r, "model", where);
      where = where + " (" + model + ")";
      ModelPrice price =
          new ModelPrice(
              number(r, "input", where),
              number(r, "cachedInput", where),
              number(r, "output", where));
      LocalDate date;
      try {
        date = LocalDate.parse(text(r, "date", where));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            where + ".date must be a day as YYYY-MM-DD, got " + r.get("date"));
      }
      Entry e = new Entry(model, text(r, "provider", where), price, text(r, "source", where), date);
      if (out.put(model, e) != null) {
        throw new IllegalArgumentException("price catalog lists '" + model + "' twice");
      }
    }
    return new PriceCatalog(out);
  }

  /** Every row, in the catalog's order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** The row of {@code model}, matched exactly. */
  public Optional<Entry> find(String model) {
    return Optional.ofNullable(entries.get(model));
  }

  /**
   * The row of {@code model}.
   *
   * @throws IllegalArgumentException naming the model and the models the catalog lists
   */
  public Entry get(String model) {
    Entry e = entries.get(model);
    if (e == null) {
      throw new IllegalArgumentException(
          "the price catalog has no row for model '"
              + model
              + "'; it lists "
              + String.join(", ", new java.util.TreeSet<>(entries.keySet()))
              + ". Give the price yourself: PriceTable.builder().model(name,"
              + " ModelPrice.of(inputPerMillion, outputPerMillion))");
    }
    return e;
  }

  /** The model names the catalog lists, sorted. */
  public List<String> models() {
    return new ArrayList<>(new java.util.TreeSet<>(entries.keySet()));
  }

  private static String text(JsonNode r, String field, String where) {
    JsonNode n = r == null ? null : r.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException(where + "." + field + " must be a non-blank string");
    }
    return n.asText();
  }

  private static double number(JsonNode r, String field, String where) {
    JsonNode n = r.get(field);
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException(
          where + "." + field + " must be a number (USD per 1M tokens), got " + n);
    }
    return n.asDouble();
  }
}
