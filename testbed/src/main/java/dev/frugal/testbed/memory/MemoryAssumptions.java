package dev.frugal.testbed.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of every {@link MemoryParameter} the SIMULATED memory roles use, read from the
 * versioned registry file {@code mem-sim.json} (value, plausible range and source of each;
 * docs/memory.md, "Bands (v3)"). {@link #registry()} holds the point values; {@link #at} gives the
 * values at one assumption setting of a band (docs/testbed.md, "Bands").
 */
public final class MemoryAssumptions {
  static final String RESOURCE = "/dev/frugal/testbed/memory/mem-sim.json";

  /** A plausible range of one number. */
  public record Range(double low, double high) {}

  private static final MemoryAssumptions REGISTRY = load();

  private final String version;
  private final Map<MemoryParameter, Double> values;
  private final Map<MemoryParameter, Range> ranges;
  private final Map<MemoryParameter, String> sources;

  private MemoryAssumptions(
      String version,
      Map<MemoryParameter, Double> values,
      Map<MemoryParameter, Range> ranges,
      Map<MemoryParameter, String> sources) {
    this.version = version;
    this.values = Collections.unmodifiableMap(new EnumMap<>(values));
    this.ranges = ranges;
    this.sources = sources;
  }

  /** The registry's point values (setting 0 of every band). */
  public static MemoryAssumptions registry() {
    return REGISTRY;
  }

  /** The keys of every parameter, in registry order: the dimensions of a band's hypercube. */
  public static List<String> keys() {
    return java.util.Arrays.stream(MemoryParameter.values()).map(MemoryParameter::key).toList();
  }

  /** The registry's version label. */
  public String version() {
    return version;
  }

  public double get(MemoryParameter p) {
    return values.get(p);
  }

  /** {@link #get} of a count parameter, as an int. */
  int count(MemoryParameter p) {
    return (int) Math.round(values.get(p));
  }

  public Range range(MemoryParameter p) {
    return ranges.get(p);
  }

  public String source(MemoryParameter p) {
    return sources.get(p);
  }

  /** Every value by key, in registry order (what a results row records as its assumptions). */
  public Map<String, Double> values() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (MemoryParameter p : MemoryParameter.values()) out.put(p.key(), values.get(p));
    return out;
  }

  /**
   * The values at one assumption setting: each parameter named in {@code fractions} (by key) takes
   * the value at that fraction of its range, counts rounded (at least 1); the others keep their
   * point values. An empty map is the point values.
   */
  public MemoryAssumptions at(Map<String, Double> fractions) {
    Map<MemoryParameter, Double> v = new EnumMap<>(values);
    for (MemoryParameter p : MemoryParameter.values()) {
      Double u = fractions.get(p.key());
      if (u == null) continue;
      Range r = ranges.get(p);
      double x = r.low() + u * (r.high() - r.low());
      v.put(p, p.count() ? Math.max(1, Math.rint(x)) : x);
    }
    return new MemoryAssumptions(version, v, ranges, sources);
  }

  private static MemoryAssumptions load() {
    try (InputStream in = MemoryAssumptions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return parse(new ObjectMapper().readTree(in), RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a registry; every parameter must be there with a value inside its range and a source. */
  static MemoryAssumptions parse(JsonNode root, String origin) {
    Map<MemoryParameter, Double> values = new EnumMap<>(MemoryParameter.class);
    Map<MemoryParameter, Range> ranges = new EnumMap<>(MemoryParameter.class);
    Map<MemoryParameter, String> sources = new EnumMap<>(MemoryParameter.class);
    JsonNode params = root.path("parameters");
    java.util.Set<String> known = new java.util.HashSet<>(keys());
    params
        .fieldNames()
        .forEachRemaining(
            k -> {
              if (!known.contains(k))
                throw new IllegalArgumentException(
                    origin + ": unknown parameter '" + k + "'; known: " + keys());
            });
    for (MemoryParameter p : MemoryParameter.values()) {
      JsonNode e = params.get(p.key());
      String where = origin + " parameters." + p.key();
      if (e == null) throw new IllegalArgumentException(where + " is missing");
      JsonNode v = e.get("value");
      JsonNode r = e.get("range");
      JsonNode s = e.get("source");
      if (v == null || !v.isNumber()) throw new IllegalArgumentException(where + ": no 'value'");
      if (r == null
          || !r.isArray()
          || r.size() != 2
          || !r.get(0).isNumber()
          || !r.get(1).isNumber())
        throw new IllegalArgumentException(where + ": 'range' must be [low, high]");
      if (s == null || s.asText().isBlank())
        throw new IllegalArgumentException(where + ": no 'source'");
      double x = v.asDouble();
      Range range = new Range(r.get(0).asDouble(), r.get(1).asDouble());
      if (!(range.low() <= x && x <= range.high()) || range.low() < 0)
        throw new IllegalArgumentException(
            where
                + ": value "
                + x
                + " must lie in its range ["
                + range.low()
                + ", "
                + range.high()
                + "], low >= 0");
      if (p.count() && (x < 1 || x != Math.rint(x)))
        throw new IllegalArgumentException(where + ": must be a whole number >= 1, got " + x);
      values.put(p, x);
      ranges.put(p, range);
      sources.put(p, s.asText());
    }
    return new MemoryAssumptions(
        root.path("registryVersion").asText("?"),
        values,
        Collections.unmodifiableMap(ranges),
        Collections.unmodifiableMap(sources));
  }
}
