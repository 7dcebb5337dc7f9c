package dev.frugal.router.features;

import dev.frugal.core.ModelSelection;
import dev.frugal.core.RunActivity;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.engine.RunContext.ToolOutcome.Status;
import dev.frugal.router.policy.FeatureSchema;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The router's input, schema {@code router-features} version 1: 23 numbers in [0, 1], computed from
 * what the engine hands a model selector ({@link ModelSelection}): never from the gold answer or
 * anything else the agent cannot know. In order:
 *
 * <ol>
 *   <li>{@code step}: the step index, {@code min(step, 30) / 30};
 *   <li>{@code first_step}: 1 at step 0 or 1;
 *   <li>{@code purpose_final}: 1 for a forced final answer ({@code final});
 *   <li>{@code purpose_other}: 1 for a strategy's own call (verify, judge, critique, ...);
 *   <li>{@code tool_left_min}, {@code tool_left_max}: the smallest and largest remaining fraction
 *       over the run's tool-unit caps (1 when no tool is capped);
 *   <li>{@code usd_left}: the remaining fraction of the dollar cap (1 when uncapped);
 *   <li>{@code large_left}: the remaining fraction of the cap on LARGE calls (1 when uncapped);
 *   <li>{@code large_affordable}: 1 when the charged ledger can pay for this call on LARGE with its
 *       full output allowance;
 *   <li>{@code large_calls}, {@code small_calls}: calls made so far to each, {@code min(n,10)/10};
 *   <li>{@code tool_calls}: tool calls so far, {@code min(n, 20) / 20};
 *   <li>{@code ok_ratio}: the share of them that ran and returned a result;
 *   <li>{@code recent_repeats}, {@code recent_errors}: repeated, and failed or refused, calls among
 *       the last five, divided by five;
 *   <li>{@code last_ok}: 1 when the latest tool call returned a result;
 *   <li>{@code last_result_size}: its length, {@code min(chars, 4000) / 4000};
 *   <li>{@code verifier_continue}, {@code verifier_pivot}: 1 when the latest strategy note (a
 *       verifier's) says CONTINUE, or PIVOT;
 *   <li>{@code q_words}: the question's words, {@code min(n, 40) / 40};
 *   <li>{@code q_yes_no}: 1 when it opens like a yes/no question (Is, Are, Was, Did, ...);
 *   <li>{@code q_comparison}: 1 when it compares (" or ", both, same, than, older, ...);
 *   <li>{@code q_entities}: capitalised words after the first, {@code min(n, 10) / 10}.
 * </ol>
 *
 * A change of meaning or order is a new schema version; saved policies of the old one then refuse
 * to load.
 */
public final class RouterFeatures {
  /** Schema version 1. */
  public static final FeatureSchema SCHEMA =
      new FeatureSchema(
          "router-features",
          1,
          List.of(
              "step",
              "first_step",
              "purpose_final",
              "purpose_other",
              "tool_left_min",
              "tool_left_max",
              "usd_left",
              "large_left",
              "large_affordable",
              "large_calls",
              "small_calls",
              "tool_calls",
              "ok_ratio",
              "recent_repeats",
              "recent_errors",
              "last_ok",
              "last_result_size",
              "verifier_continue",
              "verifier_pivot",
              "q_words",
              "q_yes_no",
              "q_comparison",
              "q_entities"));

  private static final Set<String> YES_NO_OPENERS =
      Set.of(
          "is", "are", "was", "were", "do", "does", "did", "can", "could", "has", "have", "had",
          "will", "would", "should");
  private static final List<String> COMPARISON_MARKS =
      List.of(
          " or ",
          " both ",
          " same ",
          " than ",
          " older",
          " younger",
          " earlier",
          " later",
          " first",
          " more ",
          " larger",
          " longer",
          " higher");

  private RouterFeatures() {}

  /** The feature vector of one model call that chooses between {@code small} and {@code large}. */
  public static float[] of(ModelSelection s, String small, String large) {
    float[] f = new float[SCHEMA.size()];
    int step = s.step();
    String purpose = s.purpose() == null ? "step" : s.purpose();
    LedgerSnapshot b = s.budget();
    RunActivity a = s.activity();
    int i = 0;
    f[i++] = Math.min(step, 30) / 30f;
    f[i++] = step <= 1 ? 1 : 0;
    f[i++] = purpose.equals("final") ? 1 : 0;
    f[i++] = purpose.equals("final") || purpose.equals("step") ? 0 : 1;
    float minLeft = 1;
    float maxLeft = 0;
    boolean anyTool = false;
    for (String tool : b.budget().toolUnitCaps().keySet()) {
      float left = (float) b.remainingFraction(new Cap.ToolUnits(tool)).orElse(1);
      minLeft = Math.min(minLeft, left);
      maxLeft = Math.max(maxLeft, left);
      anyTool = true;
    }
    f[i++] = minLeft;
    f[i++] = anyTool ? maxLeft : 1;
    f[i++] = fraction(b.remainingFraction(new Cap.Usd()));
    f[i++] = fraction(b.remainingFraction(new Cap.ModelCalls(large)));
    f[i++] = s.affordableInFull(large) ? 1 : 0;
    f[i++] = Math.min(b.used().modelCalls().getOrDefault(large, 0L), 10) / 10f;
    f[i++] = Math.min(b.used().modelCalls().getOrDefault(small, 0L), 10) / 10f;
    f[i++] = Math.min(a.toolCalls(), 20) / 20f;
    f[i++] = a.toolCalls() == 0 ? 0 : a.ok() / (float) a.toolCalls();
    f[i++] = count(a.recent(), Status.REPEATED) / (float) RunActivity.RECENT;
    f[i++] =
        (count(a.recent(), Status.ERROR) + count(a.recent(), Status.REFUSED))
            / (float) RunActivity.RECENT;
    f[i++] = !a.recent().isEmpty() && a.recent().get(a.recent().size() - 1) == Status.OK ? 1 : 0;
    f[i++] = Math.min(a.lastResultChars(), 4000) / 4000f;
    String note = a.lastNote().map(n -> n.text().toUpperCase(Locale.ROOT)).orElse("");
    f[i++] = note.contains("CONTINUE") ? 1 : 0;
    f[i++] = note.contains("PIVOT") ? 1 : 0;
    String q = s.question() == null ? "" : s.question().strip();
    String[] words = q.isEmpty() ? new String[0] : q.split("\\s+");
    f[i++] = Math.min(words.length, 40) / 40f;
    f[i++] = words.length > 0 && YES_NO_OPENERS.contains(words[0].toLowerCase(Locale.ROOT)) ? 1 : 0;
    String lower = " " + q.toLowerCase(Locale.ROOT) + " ";
    f[i++] = COMPARISON_MARKS.stream().anyMatch(lower::contains) ? 1 : 0;
    int caps = 0;
    for (int w = 1; w < words.length; w++) {
      if (!words[w].isEmpty() && Character.isUpperCase(words[w].charAt(0))) caps++;
    }
    f[i++] = Math.min(caps, 10) / 10f;
    return f;
  }

  private static float fraction(OptionalDouble d) {
    return (float) d.orElse(1);
  }

  private static int count(List<Status> recent, Status s) {
    int n = 0;
    for (Status x : recent) if (x == s) n++;
    return n;
  }
}
