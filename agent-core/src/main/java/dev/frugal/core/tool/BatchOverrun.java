package dev.frugal.core.tool;

/**
 * What happens to a batched call (one unit per element of an array argument) that would overrun its
 * tool's cap (the BATS paper (arXiv 2511.17006), Budget Tracker: "a call that would overrun is
 * refused (or its array truncated, per policy)").
 */
public enum BatchOverrun {
  /** The whole call is refused and the refusal is shown to the model [default]. */
  REFUSE_WHOLE,
  /**
   * The array is cut to the units left (its first elements, in order) and the shortened call runs;
   * the result says which elements ran and which did not. A call with no unit left, or whose tool
   * is not charged per element, is refused as under {@link #REFUSE_WHOLE}.
   */
  TRUNCATE
}
