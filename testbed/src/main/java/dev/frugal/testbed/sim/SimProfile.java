package dev.frugal.testbed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.budget.ModelPrice;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The declared skill of a simulated model: what it is priced as, and every behavioural number with
 * the source it comes from. Profiles are data files; the bundled ones are {@code sim-small} and
 * {@code sim-large}. Fix a profile before a comparison; never tune it to make a method win.
 *
 * <p>File format (JSON):
 *
 * <pre>{@code
 * {"modelName": "sim-small",
 *  "description": "...",
 *  "pricedAs": {"model": "gpt-4o-mini", "inputUsdPerMillionTokens": 0.15,
 *               "cachedInputUsdPerMillionTokens": 0.075, "outputUsdPerMillionTokens": 0.60,
 *               "source": "..."},
 *  "behaviour": {"readSkill": {"value": 0.85, "range": [0.8, 0.95], "source": "..."}, ...}}
 * }</pre>
 *
 * <p>The bundled files are the assumption registry (docs/testbed.md, "The assumption registry"),
 * versioned by their {@code registryVersion}: each number's {@code range} is the plausible span a
 * band ({@code frugal bench --band N}) draws settings from; a number without one is a point.
 *
 * <p>Every {@link SimParameter} must be present with a value of its kind and a non-blank source;
 * unknown names are errors, so a typo cannot silently fall back to a default.
 *
 * @param modelName the name the simulation reports in its responses and is priced under
 * @param description one line on what the profile stands for
 * @param pricing the hosted model whose prices the simulation is charged at
 * @param values each behavioural number
 * @param sources where each number comes from
 * @param ranges the plausible range of each number (its assumption band, see docs/testbed.md, "The
 *     assumption registry"); a number written without a range has the point range [value, value]
 * @param origin the file or resource it was read from
 */
public record SimProfile(
    String modelName,
    String description,
    Pricing pricing,
    Map<SimParameter, Double> values,
    Map<SimParameter, String> sources,
    Map<SimParameter, Range> ranges,
    String origin) {

  /**
   * A plausible range of a behavioural number.
   *
   * @param low the lowest plausible value
   * @param high the highest plausible value
   */
  public record Range(double low, double high) {
    /** The value at {@code u} in [0, 1] of the way from low to high. */
    public double at(double u) {
      return low + u * (high - low);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RESOURCE_DIR = "/dev/frugal/testbed/sim/";

  /**
   * The prices a simulated model is charged at, borrowed from a real hosted model.
   *
   * @param model the hosted model the prices belong to
   * @param inputPerMillion USD per million input tokens
   * @param cachedInputPerMillion USD per million cached input tokens
   * @param outputPerMillion USD per million output tokens
   * @param source where the prices come from, and when
   */
  public record Pricing(
      String model,
      double inputPerMillion,
      double cachedInputPerMillion,
      double outputPerMillion,
      String source) {

    /** The prices as the ledger's {@link ModelPrice}. */
    public ModelPrice price() {
      return new ModelPrice(inputPerMillion, cachedInputPerMillion, outputPerMillion);
    }
  }

  public SimProfile {
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(pricing, "pricing");
    values = Collections.unmodifiableMap(new EnumMap<>(values));
    sources = Collections.unmodifiableMap(new EnumMap<>(sources));
    Map<SimParameter, Range> r = new EnumMap<>(SimParameter.class);
    r.putAll(ranges);
    for (SimParameter p : SimParameter.values()) {
      Double v = values.get(p);
      if (v == null) throw new IllegalArgumentException(origin + ": no value for " + p.key());
      String problem = p.problem(v);
      if (problem != null) {
        throw new IllegalArgumentException(
            origin + ": " + p.key() + " " + problem + ", got " + v + " (" + p.meaning() + ")");
      }
      Range range = r.computeIfAbsent(p, k -> new Range(v, v));
      if (!(range.low() <= v && v <= range.high())
          || p.problem(range.low()) != null
          || p.problem(range.high()) != null) {
        throw new IllegalArgumentException(
            origin
                + ": "
                + p.key()
                + " range ["
                + range.low()
                + ", "
                + range.high()
                + "] must hold its value "
                + v
                + " and be made of valid values ("
                + p.meaning()
                + ")");
      }
      String s = sources.get(p);
      if (s == null || s.isBlank()) {
        throw new IllegalArgumentException(
            origin + ": " + p.key() + " has no source; say where the number comes from");
      }
    }
    ranges = Collections.unmodifiableMap(r);
  }

  /** The bundled small profile (priced as gpt-4o-mini). */
  public static SimProfile small() {
    return resource("sim-small");
  }

  /** The bundled large profile (priced as gpt-4o). */
  public static SimProfile large() {
    return resource("sim-large");
  }

  /** A bundled profile by name, e.g. {@code sim-small}. */
  public static SimProfile resource(String name) {
    String path = RESOURCE_DIR + name + ".json";
    InputStream in = SimProfile.class.getResourceAsStream(path);
    if (in == null) {
      throw new IllegalArgumentException(
          "no bundled sim profile '" + name + "' (" + path + "); bundled: sim-small, sim-large");
    }
    try (in) {
      return parse(in, "classpath:" + path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** A profile file. */
  public static SimProfile load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sim profile " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a profile; {@code origin} names it in errors. */
  public static SimProfile parse(InputStream in, String origin) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          origin + ": not valid JSON (" + e.getMessage() + "); see SimProfile for the format", e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(origin + ": expected a JSON object");
    }
    String modelName = text(root, "modelName", origin);
    String description = root.path("description").asText("");
    JsonNode priced = object(root, "pricedAs", origin);
    Pricing pricing =
        new Pricing(
            text(priced, "model", origin + " pricedAs"),
            number(priced, "inputUsdPerMillionTokens", origin + " pricedAs"),
            priced.has("cachedInputUsdPerMillionTokens")
                ? number(priced, "cachedInputUsdPerMillionTokens", origin + " pricedAs")
                : number(priced, "inputUsdPerMillionTokens", origin + " pricedAs"),
            number(priced, "outputUsdPerMillionTokens", origin + " pricedAs"),
            text(priced, "source", origin + " pricedAs"));
    try {
      pricing.price();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + " pricedAs: " + e.getMessage(), e);
    }
    JsonNode behaviour = object(root, "behaviour", origin);
    List<String> unknown = new ArrayList<>();
    behaviour
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (Arrays.stream(SimParameter.values()).noneMatch(p -> p.key().equals(n))) {
                unknown.add(n);
              }
            });
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          origin + ": unknown behaviour parameter(s) " + unknown + "; valid: " + keys());
    }
    Map<SimParameter, Double> values = new EnumMap<>(SimParameter.class);
    Map<SimParameter, String> sources = new EnumMap<>(SimParameter.class);
    Map<SimParameter, Range> ranges = new EnumMap<>(SimParameter.class);
    for (SimParameter p : SimParameter.values()) {
      if (!behaviour.has(p.key())) {
        throw new IllegalArgumentException(
            origin
                + ": behaviour."
                + p.key()
                + " is missing ("
                + p.meaning()
                + "); write it as {\"value\": x, \"source\": \"...\"}");
      }
      JsonNode entry = object(behaviour, p.key(), origin + " behaviour");
      values.put(p, number(entry, "value", origin + " behaviour." + p.key()));
      sources.put(p, text(entry, "source", origin + " behaviour." + p.key()));
      JsonNode range = entry.get("range");
      if (range != null) {
        if (!range.isArray()
            || range.size() != 2
            || !range.get(0).isNumber()
            || !range.get(1).isNumber()) {
          throw new IllegalArgumentException(
              origin + " behaviour." + p.key() + ": 'range' must be [low, high], got " + range);
        }
        ranges.put(p, new Range(range.get(0).asDouble(), range.get(1).asDouble()));
      }
    }
    return new SimProfile(modelName, description, pricing, values, sources, ranges, origin);
  }

  /** The value of one behavioural number. */
  public double value(SimParameter p) {
    return values.get(p);
  }

  /** The source of one behavioural number. */
  public String source(SimParameter p) {
    return sources.get(p);
  }

  /** A copy with one number changed (for sensitivity runs); the new source must say why. */
  public SimProfile with(SimParameter p, double value, String source) {
    Map<SimParameter, Double> v = new EnumMap<>(values);
    Map<SimParameter, String> s = new EnumMap<>(sources);
    v.put(p, value);
    s.put(p, source);
    Map<SimParameter, Range> r = new EnumMap<>(ranges);
    Range old = r.get(p);
    r.put(p, new Range(Math.min(old.low(), value), Math.max(old.high(), value)));
    return new SimProfile(
        modelName, description, pricing, v, s, r, origin + " (" + p.key() + " changed)");
  }

  /**
   * A copy at one assumption setting: each parameter named in {@code unitDraws} (by its key) takes
   * the value at that fraction of its range ({@link Range#at}); counts are rounded. Parameters not
   * named keep their point values.
   */
  public SimProfile atSetting(Map<String, Double> unitDraws, String label) {
    Map<SimParameter, Double> v = new EnumMap<>(values);
    for (SimParameter p : SimParameter.values()) {
      Double u = unitDraws.get(p.key());
      if (u == null) continue;
      double x = ranges.get(p).at(u);
      v.put(p, p.kind() == SimParameter.Kind.COUNT ? Math.max(1, Math.rint(x)) : x);
    }
    return new SimProfile(
        modelName, description, pricing, v, sources, ranges, origin + " (" + label + ")");
  }

  /** The plausible range of one behavioural number. */
  public Range range(SimParameter p) {
    return ranges.get(p);
  }

  /** A copy reporting a different model name (to run two variants side by side). */
  public SimProfile named(String name) {
    return new SimProfile(name, description, pricing, values, sources, ranges, origin);
  }

  private static List<String> keys() {
    return Arrays.stream(SimParameter.values()).map(SimParameter::key).toList();
  }

  private static JsonNode object(JsonNode parent, String field, String where) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          where + ": '" + field + "' must be an object" + (n == null ? " and is missing" : ""));
    }
    return n;
  }

  private static String text(JsonNode parent, String field, String where) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": '" + field + "' must be a non-blank string");
    }
    return n.asText();
  }

  private static double number(JsonNode parent, String field, String where) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isNumber()) {
      throw new IllegalArgumentException(
          where + ": '" + field + "' must be a number" + (n == null ? " and is missing" : ""));
    }
    return n.asDouble();
  }
}
