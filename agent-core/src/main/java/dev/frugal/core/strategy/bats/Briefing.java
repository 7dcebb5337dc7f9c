package dev.frugal.core.strategy.bats;

import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.Prompts;
import java.util.HashMap;
import java.util.Map;

/**
 * The messages that carry one part of a BATS run into the next: after a CONTINUE, a PIVOT, a
 * SUCCESS (in the until-spent mode) and a compaction. Each is a versioned prompt resource filled
 * with the verifier's (or the compaction's) notes and the current Budget Tracker status block, so
 * the model still sees its budget once the raw trajectory is gone.
 */
final class Briefing {
  private static final String CONTINUE = Prompts.load("bats-continue-v1");
  private static final String PIVOT = Prompts.load("bats-pivot-v1");
  private static final String AFTER_SUCCESS = Prompts.load("bats-after-success-v1");
  private static final String COMPACTED = Prompts.load("bats-compacted-v1");

  private Briefing() {}

  static String continueOn(RunContext ctx, String answer, Verification v) {
    return fill(CONTINUE, ctx, answer, v);
  }

  static String pivot(RunContext ctx, String answer, Verification v) {
    return fill(PIVOT, ctx, answer, v);
  }

  static String afterSuccess(RunContext ctx, String answer, Verification v) {
    return fill(AFTER_SUCCESS, ctx, answer, v);
  }

  static String compacted(RunContext ctx, TrajectorySummary s) {
    Map<String, String> values = new HashMap<>();
    values.put("summary", orNone(s.summary()));
    values.put("useful", orNone(s.usefulInformation()));
    values.put("recommendations", orNone(s.recommendations()));
    values.put("budget", ctx.statusBlock());
    return Prompts.fill(COMPACTED, values).strip();
  }

  private static String fill(String template, RunContext ctx, String answer, Verification v) {
    Map<String, String> values = new HashMap<>();
    values.put("answer", answer == null ? "None" : answer);
    values.put("summary", orNone(v.trajectorySummary()));
    values.put("useful", orNone(v.usefulInformation()));
    values.put("failure", orNone(v.failureAnalysis()));
    values.put("recommendations", orNone(v.recommendations()));
    values.put("budget", ctx.statusBlock());
    return Prompts.fill(template, values).strip();
  }

  private static String orNone(String s) {
    return s == null || s.isBlank() ? "(none)" : s.strip();
  }
}
