package dev.frugal.core.strategy.bats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan of one BATS run as it evolves (docs/bats.md; the BATS paper (arXiv 2511.17006) step 2):
 * the checklist with its step states and the tool units each step used, and the failed branches
 * (answers the verifier sent to a dead end, with why), carried into every attempt, compaction,
 * CONTINUE and PIVOT instead of the original all-pending plan.
 *
 * <p>How states move [choice]: the <em>active</em> step is the first one that is pending or
 * partial. Tool units spent are charged to it (a pending step that used units becomes partial). A
 * verified SUCCESS marks it done, a CONTINUE partial, a PIVOT failed (and records the failed
 * branch). A re-plan ({@link #revise}) may add and reorder steps but never deletes one: a step the
 * new plan leaves out is kept, a done or failed step keeps its state, and units used never go down.
 *
 * <p>Not thread-safe: one run owns one plan.
 */
final class LivingPlan {
  /** One dead end: the attempt, the answer it proposed and why the verifier rejected it. */
  record FailedBranch(int attempt, String answer, String why) {}

  private Plan plan;
  private final List<FailedBranch> failed = new ArrayList<>();
  private long unitsCharged;

  LivingPlan(Plan initial) {
    this.plan = java.util.Objects.requireNonNull(initial, "initial");
  }

  Plan plan() {
    return plan;
  }

  List<FailedBranch> failedBranches() {
    return List.copyOf(failed);
  }

  /**
   * Charges the tool units spent since the last call to the active step; {@code totalUnits} is the
   * run's running total of tool units.
   */
  void syncUnits(long totalUnits) {
    long delta = totalUnits - unitsCharged;
    if (delta <= 0) return;
    unitsCharged = totalUnits;
    int i = active();
    if (i < 0) return;
    Plan.Step s = plan.steps().get(i);
    Plan.State state = s.state() == Plan.State.PENDING ? Plan.State.PARTIAL : s.state();
    set(i, new Plan.Step(s.id(), s.description(), state, s.unitsUsed() + delta));
  }

  /** Moves the active step by the verifier's (accepted) decision. */
  void afterVerdict(int attempt, Verification.Decision d, String answer, String failure) {
    int i = active();
    Plan.State next =
        switch (d) {
          case SUCCESS -> Plan.State.DONE;
          case CONTINUE -> Plan.State.PARTIAL;
          case PIVOT -> Plan.State.FAILED;
        };
    if (i >= 0) {
      Plan.Step s = plan.steps().get(i);
      set(i, new Plan.Step(s.id(), s.description(), next, s.unitsUsed()));
    }
    if (d == Verification.Decision.PIVOT) {
      failed.add(
          new FailedBranch(
              attempt,
              answer == null ? "None" : answer,
              failure == null || failure.isBlank() ? "(no reason given)" : failure.strip()));
    }
  }

  /**
   * Takes a re-plan: its constraints and steps, merged so that no step is lost and no progress is
   * undone.
   */
  void revise(Plan fresh) {
    Map<String, Plan.Step> old = new LinkedHashMap<>();
    for (Plan.Step s : plan.steps()) old.put(s.id(), s);
    List<Plan.Step> merged = new ArrayList<>();
    for (Plan.Step s : fresh.steps()) {
      Plan.Step before = old.remove(s.id());
      if (before == null) {
        merged.add(s);
        continue;
      }
      boolean settled = before.state() == Plan.State.DONE || before.state() == Plan.State.FAILED;
      merged.add(
          new Plan.Step(
              s.id(),
              s.description().isBlank() ? before.description() : s.description(),
              settled ? before.state() : s.state(),
              Math.max(before.unitsUsed(), s.unitsUsed())));
    }
    merged.addAll(old.values()); // never delete a step
    plan =
        new Plan(
            fresh.exploration().isEmpty() ? plan.exploration() : fresh.exploration(),
            fresh.verification().isEmpty() ? plan.verification() : fresh.verification(),
            merged);
  }

  /** The plan as the agent is shown it, with the failed branches to avoid. */
  String render() {
    StringBuilder sb = new StringBuilder(plan.render());
    if (!failed.isEmpty()) {
      sb.append("\nFailed branches (dead ends; do not repeat them):");
      for (FailedBranch f : failed) {
        sb.append("\n- attempt ")
            .append(f.attempt())
            .append(": answer \"")
            .append(f.answer())
            .append("\" failed: ")
            .append(f.why().replaceAll("\\s+", " "));
      }
    }
    return sb.toString();
  }

  private int active() {
    List<Plan.Step> steps = plan.steps();
    for (int i = 0; i < steps.size(); i++) {
      Plan.State s = steps.get(i).state();
      if (s == Plan.State.PENDING || s == Plan.State.PARTIAL) return i;
    }
    return -1;
  }

  private void set(int i, Plan.Step s) {
    List<Plan.Step> steps = new ArrayList<>(plan.steps());
    steps.set(i, s);
    plan = new Plan(plan.exploration(), plan.verification(), steps);
  }
}
