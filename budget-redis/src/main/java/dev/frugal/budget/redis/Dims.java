package dev.frugal.budget.redis;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Spend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Spend} and a {@link Budget} are written as Redis hash fields: one integer dimension
 * per thing a cap can limit ({@code in}, {@code out}, {@code tok}, {@code usd}, {@code tool:NAME},
 * {@code call:MODEL}) plus the cost breakdown ({@code cin}, {@code mp:MODEL}, {@code tp:TOOL}) that
 * rebuilds the spend for {@code budget show}.
 */
final class Dims {
  private Dims() {}

  /** The field of the dimension a cap limits. */
  static String of(Cap cap) {
    if (cap instanceof Cap.ToolUnits t) return "tool:" + t.tool();
    if (cap instanceof Cap.ModelCalls m) return "call:" + m.model();
    if (cap instanceof Cap.InputTokens) return "in";
    if (cap instanceof Cap.OutputTokens) return "out";
    if (cap instanceof Cap.TotalTokens) return "tok";
    return "usd";
  }

  /** The cap a dimension's field names back (for refusals). */
  static Cap cap(String dim) {
    if (dim.startsWith("tool:")) return new Cap.ToolUnits(dim.substring(5));
    if (dim.startsWith("call:")) return new Cap.ModelCalls(dim.substring(5));
    switch (dim) {
      case "in":
        return new Cap.InputTokens();
      case "out":
        return new Cap.OutputTokens();
      case "tok":
        return new Cap.TotalTokens();
      default:
        return new Cap.Usd();
    }
  }

  /** Appends {@code count, (field, amount)...} for every non-zero dimension of {@code s}. */
  static void append(Spend s, List<String> args) {
    List<String> pairs = new ArrayList<>();
    pair(pairs, "in", s.inputTokens());
    pair(pairs, "cin", s.cachedInputTokens());
    pair(pairs, "out", s.outputTokens());
    pair(pairs, "tok", s.totalTokens());
    pair(pairs, "usd", s.picos());
    s.toolUnits().forEach((k, v) -> pair(pairs, "tool:" + k, v));
    s.modelCalls().forEach((k, v) -> pair(pairs, "call:" + k, v));
    s.modelPicos().forEach((k, v) -> pair(pairs, "mp:" + k, v));
    s.toolPicos().forEach((k, v) -> pair(pairs, "tp:" + k, v));
    args.add(Integer.toString(pairs.size() / 2));
    args.addAll(pairs);
  }

  /** Appends {@code count, (field, limit)...} for every cap of {@code b}. */
  static void appendCaps(Budget b, List<String> args) {
    args.add(Integer.toString(b.caps().size()));
    b.caps()
        .forEach(
            (cap, limit) -> {
              args.add(of(cap));
              args.add(Long.toString(limit));
            });
  }

  /** Rebuilds a spend from the fields of a books hash that start with {@code prefix}. */
  static Spend spend(Map<String, String> fields, String prefix) {
    long in = 0;
    long cin = 0;
    long out = 0;
    Map<String, Long> tools = new HashMap<>();
    Map<String, Long> calls = new HashMap<>();
    Map<String, Long> mp = new HashMap<>();
    Map<String, Long> tp = new HashMap<>();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (!e.getKey().startsWith(prefix)) continue;
      String dim = e.getKey().substring(prefix.length());
      long v = Long.parseLong(e.getValue());
      if (v == 0) continue;
      if (dim.equals("in")) in = v;
      else if (dim.equals("cin")) cin = v;
      else if (dim.equals("out")) out = v;
      else if (dim.startsWith("tool:")) tools.put(dim.substring(5), v);
      else if (dim.startsWith("call:")) calls.put(dim.substring(5), v);
      else if (dim.startsWith("mp:")) mp.put(dim.substring(3), v);
      else if (dim.startsWith("tp:")) tp.put(dim.substring(3), v);
    }
    return new Spend(in, cin, out, tools, calls, mp, tp);
  }

  /** The caps runs last reserved with, from the {@code cap:} fields of a books hash. */
  static Budget budget(Map<String, String> fields) {
    Budget.Builder b = Budget.builder();
    fields.forEach(
        (k, v) -> {
          if (!k.startsWith("cap:")) return;
          String dim = k.substring(4);
          long limit = Long.parseLong(v);
          Cap cap = cap(dim);
          if (cap instanceof Cap.ToolUnits t) b.toolUnits(t.tool(), limit);
          else if (cap instanceof Cap.ModelCalls m) b.modelCalls(m.model(), limit);
          else if (cap instanceof Cap.InputTokens) b.inputTokens(limit);
          else if (cap instanceof Cap.OutputTokens) b.outputTokens(limit);
          else if (cap instanceof Cap.TotalTokens) b.totalTokens(limit);
          else if (dim.equals("usd")) b.usd(dev.frugal.core.budget.Money.usd(limit));
        });
    return b.build();
  }

  /** Caps as the CLI writes them, e.g. {@code usd=5.000000,tool.search=200}. */
  static String describe(Budget b) {
    StringBuilder sb = new StringBuilder();
    b.caps()
        .forEach(
            (cap, limit) -> {
              if (sb.length() > 0) sb.append(',');
              sb.append(describe(cap, limit));
            });
    return sb.length() == 0 ? "(none)" : sb.toString();
  }

  /** One cap as the CLI writes it, e.g. {@code usd=5.000000} or {@code tool.search=200}. */
  static String describe(Cap cap, long limit) {
    if (cap instanceof Cap.ToolUnits t) return "tool." + t.tool() + "=" + limit;
    if (cap instanceof Cap.ModelCalls m) return "calls." + m.model() + "=" + limit;
    if (cap instanceof Cap.InputTokens) return "input=" + limit;
    if (cap instanceof Cap.OutputTokens) return "output=" + limit;
    if (cap instanceof Cap.TotalTokens) return "tokens=" + limit;
    return String.format(
        java.util.Locale.ROOT, "usd=%.6f", dev.frugal.core.budget.Money.usd(limit));
  }

  private static void pair(List<String> pairs, String dim, long v) {
    if (v == 0) return;
    pairs.add(dim);
    pairs.add(Long.toString(v));
  }
}
