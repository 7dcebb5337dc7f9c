package dev.frugal.testbed.bench;

import dev.frugal.testbed.sim.SimParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The assumption settings of a band (docs/testbed.md, "Bands"): setting 0 is the registry's point
 * values; settings 1 to n-1 are a Latin hypercube over every behavioural parameter's registry
 * range, drawn with a fixed seed (McKay, Beckman and Conover, "A Comparison of Three Methods for
 * Selecting Values of Input Variables in the Analysis of Output from a Computer Code", 1979: each
 * parameter's range is cut into n-1 equal strata and every stratum is used exactly once). A setting
 * is a map from parameter name to a fraction in [0, 1] of its range; the same fraction applies to
 * every simulated model, so sim-small and sim-large move together within their own ranges.
 */
public final class AssumptionBand {
  /** The seed of the hypercube: fixed, so a band is the same on every run. */
  static final long SEED = 20261205L;

  private AssumptionBand() {}

  /** The {@code n} settings of a band; {@code n = 1} is the point values alone. */
  public static List<Map<String, Double>> settings(int n) {
    return settings(
        n, java.util.Arrays.stream(SimParameter.values()).map(SimParameter::key).toList());
  }

  /**
   * The {@code n} settings of a band over the parameters named {@code keys} (any registry: the
   * agent testbed's {@link SimParameter}s, the memory testbed's parameters), each drawn in the
   * order given; setting 0 is the empty map (the point values).
   */
  public static List<Map<String, Double>> settings(int n, List<String> keys) {
    if (n < 1) {
      throw new IllegalArgumentException("--band must be a number of settings >= 1, got " + n);
    }
    List<Map<String, Double>> out = new ArrayList<>();
    out.add(Map.of());
    int m = n - 1;
    if (m == 0) return out;
    SplittableRandom rng = new SplittableRandom(SEED);
    List<Map<String, Double>> drawn = new ArrayList<>();
    for (int i = 0; i < m; i++) drawn.add(new LinkedHashMap<>());
    for (String key : keys) {
      int[] perm = new int[m];
      for (int i = 0; i < m; i++) perm[i] = i;
      for (int i = m - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
      }
      for (int i = 0; i < m; i++) drawn.get(i).put(key, (perm[i] + rng.nextDouble()) / m);
    }
    out.addAll(drawn);
    return out;
  }
}
