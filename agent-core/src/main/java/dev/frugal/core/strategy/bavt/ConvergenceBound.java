package dev.frugal.core.strategy.bavt;

/**
 * The convergence guarantee of BAVT (the BAVT paper (arXiv 2603.12634), item 8): if every expansion
 * makes progress with probability at least {@code pMin}, and {@code K} progress steps lead to a
 * terminal answer, then the search reaches a terminal answer with probability at least {@code 1 -
 * eps} once the number of expansions is
 *
 * <pre>M &gt;= (1 / pMin) * (K + sqrt(2 K ln(1/eps)) + 2 ln(1/eps))</pre>
 *
 * <p>(a Chernoff lower-tail bound on the number of successes in M trials).
 *
 * <p><b>Worked example.</b> A two-hop question needs K = 2 progress steps (find the bridge entity,
 * then the answer). With pMin = 0.5 and eps = 0.1: ln(1/eps) = 2.303, sqrt(2 * 2 * 2.303) = 3.035,
 * 2 ln(1/eps) = 4.605, so M &gt;= 2 * (2 + 3.035 + 4.605) = 19.28, i.e. 20 expansions. With pMin =
 * 0.3, K = 3 and eps = 0.05 it is 45 expansions. The bound is loose (at pMin = 0.5 the expected
 * number of expansions for K = 2 is 4), so it speaks for the worst case, not the typical one.
 */
final class ConvergenceBound {
  private ConvergenceBound() {}

  /**
   * The bound {@code (1/pMin) (K + sqrt(2K ln(1/eps)) + 2 ln(1/eps))} as a real number.
   *
   * @throws IllegalArgumentException unless {@code k >= 1}, {@code 0 < pMin <= 1} and {@code 0 <
   *     eps < 1}
   */
  public static double bound(int k, double pMin, double eps) {
    if (k < 1) throw new IllegalArgumentException("K must be >= 1 progress step, got " + k);
    if (!(pMin > 0 && pMin <= 1)) {
      throw new IllegalArgumentException("pMin must be a probability in (0, 1], got " + pMin);
    }
    if (!(eps > 0 && eps < 1)) {
      throw new IllegalArgumentException("eps must be in (0, 1), got " + eps);
    }
    double l = Math.log(1 / eps);
    return (k + Math.sqrt(2 * k * l) + 2 * l) / pMin;
  }

  /** The smallest whole number of expansions that satisfies the bound. */
  public static int expansions(int k, double pMin, double eps) {
    return (int) Math.ceil(bound(k, pMin, eps));
  }
}
