package dev.frugal.testbed.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Budget Tracker's status block as the simulated model reads it, e.g. {@code <budget>Query
 * Budget Used: 7, Query Budget Remaining: 3, Open Budget Used: 1, Open Budget Remaining:
 * 9</budget>}. Only the per-tool {@code LABEL Budget Used/Remaining} entries count; token and
 * dollar entries are ignored, as the BATS regimes are defined over tools.
 *
 * @param units used and remaining units by label (e.g. {@code Query}), in block order
 */
record BudgetStatus(Map<String, Units> units) {

  private static final Pattern BLOCK = Pattern.compile("(?s)<budget>(.*?)</budget>");
  private static final Pattern ENTRY =
      Pattern.compile("([A-Za-z][A-Za-z0-9_ -]*?) Budget (Used|Remaining): (\\d+)");

  /** The regimes of the BATS paper's Budget Tracker, by the lowest remaining fraction. */
  enum Regime {
    /** At least 70% left: explore. */
    HIGH,
    /** 30-70% left: converge. */
    MEDIUM,
    /** 10-30% left: verify or finish. */
    LOW,
    /** Under 10% left, or any tool at 0: answer with what is known. */
    CRITICAL
  }

  /** One tool's units. */
  record Units(long used, long remaining) {
    double remainingFraction() {
      long limit = used + remaining;
      return limit == 0 ? 0 : (double) remaining / limit;
    }
  }

  BudgetStatus {
    units = Map.copyOf(units);
  }

  /** The last status block in {@code text}, if it has any per-tool entry. */
  static Optional<BudgetStatus> lastIn(String text) {
    if (text == null) return Optional.empty();
    Matcher m = BLOCK.matcher(text);
    String last = null;
    while (m.find()) last = m.group(1);
    if (last == null) return Optional.empty();
    Map<String, long[]> raw = new LinkedHashMap<>();
    Matcher e = ENTRY.matcher(last);
    while (e.find()) {
      long[] ur = raw.computeIfAbsent(e.group(1).strip(), k -> new long[] {-1, -1});
      ur[e.group(2).equals("Used") ? 0 : 1] = Long.parseLong(e.group(3));
    }
    Map<String, Units> units = new LinkedHashMap<>();
    raw.forEach(
        (label, ur) -> {
          if (ur[0] >= 0 && ur[1] >= 0) units.put(label, new Units(ur[0], ur[1]));
        });
    return units.isEmpty() ? Optional.empty() : Optional.of(new BudgetStatus(units));
  }

  /** The regime by the paper's thresholds (70% / 30% / 10%); any tool at 0 is CRITICAL. */
  Regime regime() {
    double min = 1;
    for (Units u : units.values()) {
      if (u.remaining() == 0) return Regime.CRITICAL;
      min = Math.min(min, u.remainingFraction());
    }
    if (min >= 0.70) return Regime.HIGH;
    if (min >= 0.30) return Regime.MEDIUM;
    if (min >= 0.10) return Regime.LOW;
    return Regime.CRITICAL;
  }

  /** Units left under {@code label}, if the block shows it. */
  Optional<Long> remaining(String label) {
    Units u = units.get(label);
    return u == null ? Optional.empty() : Optional.of(u.remaining());
  }
}
