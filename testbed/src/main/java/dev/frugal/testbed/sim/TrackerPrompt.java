package dev.frugal.testbed.sim;

import dev.frugal.testbed.sim.BudgetStatus.Regime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Budget Tracker's guidance as the simulated model reads it from the system prompt actually
 * sent: the regime thresholds and, per regime, how many queries and opens it advises. Nothing is
 * copied from the tracker's code: a prompt that words its advice differently, or gives other
 * thresholds, is followed as written, and a regime whose line gives no numbers falls back to one
 * query and one open.
 *
 * @param high lowest remaining fraction of the HIGH regime
 * @param medium lowest remaining fraction of the MEDIUM regime
 * @param low lowest remaining fraction of the LOW regime
 * @param advice per regime: {queries min, queries max, opens min, opens max}
 */
record TrackerPrompt(double high, double medium, double low, Map<Regime, int[]> advice) {
  private static final Pattern LINE =
      Pattern.compile("(?m)^\\s*-\\s*(HIGH|MEDIUM|LOW|CRITICAL)\\s*\\(([^)]*)\\)\\s*:(.*)$");
  private static final Pattern PERCENT = Pattern.compile("(\\d+)");
  private static final Pattern QUERIES =
      Pattern.compile("(\\d+)(?:\\s*-\\s*(\\d+))?\\s+(?:[a-z]+\\s+){0,2}quer");
  private static final Pattern OPENS =
      Pattern.compile("open\\s+(?:at most\\s+)?(\\d+)(?:\\s*-\\s*(\\d+))?");

  /** The guidance in {@code systemText}, when it has the regime lines. */
  static Optional<TrackerPrompt> parse(String systemText) {
    Matcher m = LINE.matcher(systemText);
    Map<Regime, int[]> advice = new EnumMap<>(Regime.class);
    double high = 0.7;
    double medium = 0.3;
    double low = 0.1;
    boolean any = false;
    while (m.find()) {
      any = true;
      Regime r = Regime.valueOf(m.group(1));
      Matcher p = PERCENT.matcher(m.group(2));
      double first = p.find() ? Integer.parseInt(p.group(1)) / 100.0 : -1;
      switch (r) {
        case HIGH -> high = first >= 0 ? first : high;
        case MEDIUM -> medium = first >= 0 ? first : medium;
        case LOW -> low = first >= 0 ? first : low;
        case CRITICAL -> {}
      }
      String text = m.group(3);
      int[] a = {1, 1, 1, 1};
      Matcher q = QUERIES.matcher(text);
      if (q.find()) {
        a[0] = Integer.parseInt(q.group(1));
        a[1] = q.group(2) == null ? a[0] : Integer.parseInt(q.group(2));
      }
      Matcher o = OPENS.matcher(text);
      if (o.find()) {
        a[2] = Integer.parseInt(o.group(1));
        a[3] = o.group(2) == null ? a[2] : Integer.parseInt(o.group(2));
      }
      advice.put(r, a);
    }
    return any ? Optional.of(new TrackerPrompt(high, medium, low, advice)) : Optional.empty();
  }

  /** The regime of {@code status} under these thresholds; any tool at 0 is CRITICAL. */
  Regime regime(BudgetStatus status) {
    double min = 1;
    for (BudgetStatus.Units u : status.units().values()) {
      if (u.remaining() == 0) return Regime.CRITICAL;
      min = Math.min(min, u.remainingFraction());
    }
    if (min >= high) return Regime.HIGH;
    if (min >= medium) return Regime.MEDIUM;
    if (min >= low) return Regime.LOW;
    return Regime.CRITICAL;
  }

  /** {queries min, queries max, opens min, opens max} advised in {@code regime}. */
  int[] adviceFor(Regime regime) {
    return advice.getOrDefault(regime, new int[] {1, 1, 1, 1});
  }
}
