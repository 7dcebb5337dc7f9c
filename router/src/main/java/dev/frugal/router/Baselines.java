package dev.frugal.router;

/**
 * The routing baselines of the paper: always-small, always-large, random-p (LARGE with probability
 * p at every call) and First-Large(k) (LARGE for the first k steps, then SMALL); and its mirror
 * image Small-First(k).
 */
public final class Baselines {
  private Baselines() {}

  /** SMALL at every call. */
  public static RoutingPolicy alwaysSmall() {
    return fixed("always-small", 0);
  }

  /** LARGE at every call. */
  public static RoutingPolicy alwaysLarge() {
    return fixed("always-large", 1);
  }

  /** LARGE with probability {@code p} at every call, independently. */
  public static RoutingPolicy random(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("random routing needs p in [0, 1], got " + p);
    }
    return fixed("random-" + p, p);
  }

  /** LARGE while the step index is at most {@code k}, SMALL afterwards. */
  public static RoutingPolicy firstLarge(int k) {
    if (k < 0) throw new IllegalArgumentException("first-large needs k >= 0, got " + k);
    return new RoutingPolicy() {
      @Override
      public String name() {
        return "first-large-" + k;
      }

      @Override
      public double largeProbability(RouteState s) {
        return s.selection().step() <= k ? 1 : 0;
      }
    };
  }

  /**
   * SMALL while the step index is at most {@code k}, LARGE afterwards: the mirror image of
   * First-Large, not one of the paper's baselines. It shows how much a router gains by saving LARGE
   * for the later steps (reading what was found, answering) [choice: added for the bench].
   */
  public static RoutingPolicy smallFirst(int k) {
    if (k < 0) throw new IllegalArgumentException("small-first needs k >= 0, got " + k);
    return new RoutingPolicy() {
      @Override
      public String name() {
        return "small-first-" + k;
      }

      @Override
      public double largeProbability(RouteState s) {
        return s.selection().step() <= k ? 0 : 1;
      }
    };
  }

  private static RoutingPolicy fixed(String name, double p) {
    return new RoutingPolicy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public double largeProbability(RouteState s) {
        return p;
      }
    };
  }

  /**
   * A baseline by name: {@code always-small}, {@code always-large}, {@code random-P} (e.g. {@code
   * random-0.3}) or {@code first-large-K} (e.g. {@code first-large-2}).
   *
   * @throws IllegalArgumentException naming the valid forms
   */
  public static RoutingPolicy named(String name) {
    String n = name == null ? "" : name.trim();
    try {
      if (n.equals("always-small")) return alwaysSmall();
      if (n.equals("always-large")) return alwaysLarge();
      if (n.startsWith("random-")) return random(Double.parseDouble(n.substring(7)));
      if (n.startsWith("first-large-")) return firstLarge(Integer.parseInt(n.substring(12)));
      if (n.startsWith("small-first-")) return smallFirst(Integer.parseInt(n.substring(12)));
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "unknown routing baseline '"
            + name
            + "'; valid: always-small, always-large, random-P (P in [0,1]), first-large-K,"
            + " small-first-K (K >= 0)");
  }
}
