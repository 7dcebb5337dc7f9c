package dev.frugal.core.budget;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The hard caps of a run, fixed before it starts. Any cap may be absent (unlimited). Caps are per
 * tool (units), per token kind (input, output, total), in US dollars (unified cost) and on the
 * number of calls per model.
 *
 * <pre>{@code
 * Budget budget = Budget.builder().toolUnits("search", 10).toolUnits("open", 10).usd(0.50).build();
 * }</pre>
 *
 * <p>Instances are immutable. Invalid caps fail in the builder with a message naming the setting.
 */
public final class Budget {
  private static final Budget UNLIMITED = new Builder().build();

  private final Map<String, Long> toolUnits;
  private final Long inputTokens;
  private final Long outputTokens;
  private final Long totalTokens;
  private final Long usdPicos;
  private final Map<String, Long> modelCalls;
  private final Map<Cap, Long> caps;
  // the caps again as arrays, for the ledger's checks on every reservation
  private final Cap[] capList;
  private final long[] limitList;

  private Budget(Builder b) {
    this.toolUnits = Map.copyOf(b.toolUnits);
    this.inputTokens = b.inputTokens;
    this.outputTokens = b.outputTokens;
    this.totalTokens = b.totalTokens;
    this.usdPicos = b.usdPicos;
    this.modelCalls = Map.copyOf(b.modelCalls);
    this.caps = Collections.unmodifiableMap(collectCaps());
    this.capList = caps.keySet().toArray(new Cap[0]);
    this.limitList = caps.values().stream().mapToLong(Long::longValue).toArray();
  }

  /** A budget with no caps at all. */
  public static Budget unlimited() {
    return UNLIMITED;
  }

  /** Starts a new budget with no caps. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this budget's caps, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.toolUnits.putAll(toolUnits);
    b.inputTokens = inputTokens;
    b.outputTokens = outputTokens;
    b.totalTokens = totalTokens;
    b.usdPicos = usdPicos;
    b.modelCalls.putAll(modelCalls);
    return b;
  }

  /** The cap on one tool's units, if any. */
  public OptionalLong toolUnits(String tool) {
    Long v = toolUnits.get(tool);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** Every tool cap, by tool name. */
  public Map<String, Long> toolUnitCaps() {
    return toolUnits;
  }

  /** The cap on one model's number of calls, if any. */
  public OptionalLong modelCalls(String model) {
    Long v = modelCalls.get(model);
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** Every model-call cap, by model name. */
  public Map<String, Long> modelCallCaps() {
    return modelCalls;
  }

  /** The cap on input tokens over all models, if any. */
  public OptionalLong inputTokens() {
    return opt(inputTokens);
  }

  /** The cap on output tokens over all models, if any. */
  public OptionalLong outputTokens() {
    return opt(outputTokens);
  }

  /** The cap on input plus output tokens over all models, if any. */
  public OptionalLong totalTokens() {
    return opt(totalTokens);
  }

  /** The dollar cap in pico-dollars (see {@link Money}), if any. */
  public OptionalLong usdPicos() {
    return opt(usdPicos);
  }

  /** The limit of one cap, or empty when this budget does not set it. */
  public OptionalLong limit(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) {
      return toolUnits(t.tool());
    } else if (cap instanceof Cap.ModelCalls m) {
      return modelCalls(m.model());
    } else if (cap instanceof Cap.InputTokens) {
      return inputTokens();
    } else if (cap instanceof Cap.OutputTokens) {
      return outputTokens();
    } else if (cap instanceof Cap.TotalTokens) {
      return totalTokens();
    } else {
      return usdPicos();
    }
  }

  /** Every cap this budget sets, tools first, in a stable order. */
  public Map<Cap, Long> caps() {
    return caps;
  }

  /** The keys of {@link #caps()} in order; not to be modified. */
  Cap[] capList() {
    return capList;
  }

  /** The values of {@link #caps()} in the same order; not to be modified. */
  long[] limitList() {
    return limitList;
  }

  private Map<Cap, Long> collectCaps() {
    Map<Cap, Long> all = new LinkedHashMap<>();
    toolUnits.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> all.put(new Cap.ToolUnits(e.getKey()), e.getValue()));
    if (inputTokens != null) all.put(new Cap.InputTokens(), inputTokens);
    if (outputTokens != null) all.put(new Cap.OutputTokens(), outputTokens);
    if (totalTokens != null) all.put(new Cap.TotalTokens(), totalTokens);
    if (usdPicos != null) all.put(new Cap.Usd(), usdPicos);
    modelCalls.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> all.put(new Cap.ModelCalls(e.getKey()), e.getValue()));
    return all;
  }

  /** True when no cap is set. */
  public boolean isUnlimited() {
    return caps.isEmpty();
  }

  private static OptionalLong opt(Long v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Budget b && caps().equals(b.caps());
  }

  @Override
  public int hashCode() {
    return Objects.hash(caps());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Budget{");
    caps()
        .forEach(
            (cap, v) ->
                sb.append(cap.describe())
                    .append('=')
                    .append(cap instanceof Cap.Usd ? "$" + Money.format(v) : v)
                    .append(", "));
    if (sb.length() > 7) sb.setLength(sb.length() - 2);
    return sb.append('}').toString();
  }

  /** Builds a {@link Budget}; every setter validates its value and names it when it is wrong. */
  public static final class Builder {
    private final Map<String, Long> toolUnits = new LinkedHashMap<>();
    private Long inputTokens;
    private Long outputTokens;
    private Long totalTokens;
    private Long usdPicos;
    private final Map<String, Long> modelCalls = new LinkedHashMap<>();

    private Builder() {}

    /** Caps the units of one tool (e.g. one unit per search query). */
    public Builder toolUnits(String tool, long units) {
      requireName(tool, "toolUnits");
      toolUnits.put(tool, nonNegative("toolUnits(" + tool + ")", units));
      return this;
    }

    /** Caps input tokens over all models. */
    public Builder inputTokens(long tokens) {
      inputTokens = nonNegative("inputTokens", tokens);
      return this;
    }

    /** Caps output tokens over all models. */
    public Builder outputTokens(long tokens) {
      outputTokens = nonNegative("outputTokens", tokens);
      return this;
    }

    /** Caps input plus output tokens over all models. */
    public Builder totalTokens(long tokens) {
      totalTokens = nonNegative("totalTokens", tokens);
      return this;
    }

    /** Caps the unified cost in dollars; must be a finite, non-negative number. */
    public Builder usd(double dollars) {
      if (Double.isNaN(dollars) || Double.isInfinite(dollars) || dollars < 0) {
        throw new IllegalArgumentException(
            "usd must be a finite, non-negative number of dollars, got " + dollars);
      }
      if (dollars > Money.usd(Long.MAX_VALUE)) { // the largest amount stored caps may hold
        throw new IllegalArgumentException(
            "usd must be at most "
                + Money.format(Long.MAX_VALUE)
                + " dollars (the most kept exactly), got "
                + dollars);
      }
      usdPicos = Money.picos(dollars);
      return this;
    }

    /** Caps the number of calls to one model. */
    public Builder modelCalls(String model, long calls) {
      requireName(model, "modelCalls");
      modelCalls.put(model, nonNegative("modelCalls(" + model + ")", calls));
      return this;
    }

    /** Removes a tool cap (the tool becomes unlimited). */
    public Builder withoutToolUnits(String tool) {
      toolUnits.remove(tool);
      return this;
    }

    /** Builds the budget. */
    public Budget build() {
      return new Budget(this);
    }

    private static long nonNegative(String setting, long v) {
      if (v < 0) {
        throw new IllegalArgumentException(setting + " must be >= 0, got " + v);
      }
      return v;
    }

    private static void requireName(String name, String setting) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException(setting + " needs a non-blank name, got '" + name + "'");
      }
    }
  }
}
