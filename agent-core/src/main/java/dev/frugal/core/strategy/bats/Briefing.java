package dev.frugal.core.strategy.bats;

import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.Prompts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages that carry one part of a BATS run into the next: after a CONTINUE, a PIVOT, a
 * SUCCESS (when attempts go on after it), a compaction, and between the attempts of the
 * no-verification ablation. Each is a versioned prompt resource filled with the verifier's (or the
 * compaction's) notes, every fact the run has found so far with its source and the failed branches
 * ({@link Findings}), and the current Budget Tracker status block, so the model still sees what it
 * found and its budget once the raw trajectory is gone (docs/bats.md, "Briefings").
 */
final class Briefing {
  private static final String CONTINUE = Prompts.load("bats-continue-v2");
  private static final String PIVOT = Prompts.load("bats-pivot-v2");
  private static final String AFTER_SUCCESS = Prompts.load("bats-after-success-v2");
  private static final String COMPACTED = Prompts.load("bats-compacted-v2");
  private static final String NEXT_UNVERIFIED = Prompts.load("bats-next-unverified-v1");

  private Briefing() {}

  static String continueOn(RunContext ctx, String answer, Verification v, Findings f) {
    return fill(CONTINUE, ctx, answer, v, f);
  }

  static String pivot(RunContext ctx, String answer, Verification v, Findings f) {
    return fill(PIVOT, ctx, answer, v, f);
  }

  static String afterSuccess(RunContext ctx, String answer, Verification v, Findings f) {
    return fill(AFTER_SUCCESS, ctx, answer, v, f);
  }

  static String compacted(RunContext ctx, TrajectorySummary s, Findings f) {
    Map<String, String> values = new HashMap<>();
    values.put("summary", orNone(s.summary()));
    values.put("facts", f.facts());
    values.put("failed", f.failed());
    values.put("recommendations", orNone(s.recommendations()));
    values.put("budget", ctx.statusBlock());
    return Prompts.fill(COMPACTED, values).strip();
  }

  /** Between attempts without a verifier: the answers proposed so far, none of them checked. */
  static String nextUnverified(RunContext ctx, List<String> answers) {
    Map<String, String> values = new HashMap<>();
    values.put("answers", answers.isEmpty() ? "(none)" : "- " + String.join("\n- ", answers));
    values.put("budget", ctx.statusBlock());
    return Prompts.fill(NEXT_UNVERIFIED, values).strip();
  }

  private static String fill(
      String template, RunContext ctx, String answer, Verification v, Findings f) {
    Map<String, String> values = new HashMap<>();
    values.put("answer", answer == null ? "None" : answer);
    values.put("summary", orNone(v.trajectorySummary()));
    values.put("facts", f.facts());
    values.put("failed", f.failed());
    values.put("failure", orNone(v.failureAnalysis()));
    values.put("recommendations", orNone(v.recommendations()));
    values.put("budget", ctx.statusBlock());
    return Prompts.fill(template, values).strip();
  }

  private static String orNone(String s) {
    return s == null || s.isBlank() ? "(none)" : s.strip();
  }
}
