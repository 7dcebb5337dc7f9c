package dev.frugal.router.features;

import dev.frugal.core.ModelSelection;
import dev.frugal.core.RunActivity;
import dev.frugal.core.StepSignals;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.engine.RunContext.ToolOutcome.Status;
import dev.frugal.router.policy.FeatureSchema;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The router's input, schema {@code router-features} version 2: 31 numbers in [0, 1], computed from
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
 *   <li>{@code q_entities}: capitalised words after the first, {@code min(n, 10) / 10};
 * </ol>
 *
 * and, new in version 2, the step features that see how well the run is doing on this question
 * (docs/router.md, "Step features"), from the engine's word digest of results and queries ({@link
 * StepSignals}); the question's <em>content words</em> are its words of three or more letters other
 * than common function words, its <em>entities</em> its capitalised words after the first and its
 * numbers (its content words when it has none):
 *
 * <ol start="24">
 *   <li>{@code last_q_overlap}: the share of the question's content words in the latest result (0
 *       when the latest call returned none);
 *   <li>{@code last_unresolved_overlap}: of the question's entities that no earlier result
 *       contained, the share the latest result contains;
 *   <li>{@code q_unresolved}: the share of the question's entities that no result contained yet;
 *   <li>{@code last_new_terms}: capitalised terms and numbers of the latest result that no earlier
 *       result had, {@code min(n, 10) / 10};
 *   <li>{@code last_candidate}: 1 when the latest strategy note is a candidate answer (an attempt
 *       proposed one, or a forced answer was given);
 *   <li>{@code query_repeated}: 1 when the latest tool call repeated an earlier query (same tool,
 *       same words);
 *   <li>{@code repeated_queries}: such repeats so far, {@code min(n, 5) / 5};
 *   <li>{@code verifier_success}: 1 when the latest note is a verifier's and says SUCCESS.
 * </ol>
 *
 * A change of meaning or order is a new schema version. Version 2 only appends to version 1, so a
 * policy trained on version 1 ({@link #SCHEMA_V1}) still runs: it reads the first 23 features
 * ({@link #forSchema}).
 */
public final class RouterFeatures {
  private static final List<String> V1_FEATURES =
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
          "q_entities");

  /** Schema version 1: the first 23 features, what policies trained before version 2 read. */
  public static final FeatureSchema SCHEMA_V1 =
      new FeatureSchema("router-features", 1, V1_FEATURES);

  /** Schema version 2, the current one. */
  public static final FeatureSchema SCHEMA =
      new FeatureSchema(
          "router-features",
          2,
          java.util.stream.Stream.concat(
                  V1_FEATURES.stream(),
                  java.util.stream.Stream.of(
                      "last_q_overlap",
                      "last_unresolved_overlap",
                      "q_unresolved",
                      "last_new_terms",
                      "last_candidate",
                      "query_repeated",
                      "repeated_queries",
                      "verifier_success"))
              .toList());

  /** The schemas a saved router policy may read, newest first. */
  public static final List<FeatureSchema> READABLE = List.of(SCHEMA, SCHEMA_V1);

  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "the", "and", "for", "was", "were", "are", "who", "what", "which", "when", "where", "how",
          "did", "does", "that", "this", "with", "from", "than", "has", "have", "had", "his", "her",
          "its", "their", "they", "both", "same", "into", "not", "but", "also", "can", "whose");

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
    StepSignals sig = a.signals();
    Set<String> content = contentWords(q);
    Set<String> entities = entities(words);
    if (entities.isEmpty()) entities = content;
    f[i++] = share(content, sig.lastWords());
    int unresolvedBefore = 0;
    int resolvedNow = 0;
    int stillUnresolved = 0;
    for (String e : entities) {
      boolean before = sig.earlierWords().contains(e);
      boolean now = sig.lastWords().contains(e);
      if (!before) {
        unresolvedBefore++;
        if (now) resolvedNow++;
        else stillUnresolved++;
      }
    }
    f[i++] = unresolvedBefore == 0 ? 0 : resolvedNow / (float) unresolvedBefore;
    f[i++] = entities.isEmpty() ? 0 : stillUnresolved / (float) entities.size();
    f[i++] = Math.min(sig.lastNewTerms(), 10) / 10f;
    String kind = a.lastNote().map(RunActivity.Note::kind).orElse("");
    f[i++] =
        (kind.equals("propose") && !note.contains("PROPOSED NO ANSWER"))
                || kind.equals("forced-answer")
            ? 1
            : 0;
    f[i++] = sig.lastQueryRepeated() ? 1 : 0;
    f[i++] = Math.min(sig.repeatedQueries(), 5) / 5f;
    f[i++] = kind.equals("verify") && note.contains("SUCCESS") ? 1 : 0;
    return f;
  }

  /**
   * The features {@code schema} reads: all of them for {@link #SCHEMA}, the first 23 for {@link
   * #SCHEMA_V1}.
   *
   * @throws IllegalArgumentException for any other schema
   */
  public static float[] forSchema(float[] features, FeatureSchema schema) {
    if (schema.equals(SCHEMA)) return features;
    if (schema.equals(SCHEMA_V1)) return java.util.Arrays.copyOf(features, SCHEMA_V1.size());
    throw new IllegalArgumentException(
        "a router policy must read one of "
            + READABLE.stream().map(FeatureSchema::describe).toList()
            + ", this one reads "
            + schema.describe());
  }

  private static Set<String> contentWords(String q) {
    Set<String> out = new java.util.HashSet<>();
    for (String w : StepSignals.words(q)) {
      if (w.length() >= 3 && !FUNCTION_WORDS.contains(w)) out.add(w);
    }
    return out;
  }

  private static Set<String> entities(String[] words) {
    Set<String> out = new java.util.HashSet<>();
    for (int w = 1; w < words.length; w++) {
      for (String t : StepSignals.terms(words[w])) {
        if (!FUNCTION_WORDS.contains(t)) out.add(t);
      }
    }
    return out;
  }

  private static float share(Set<String> of, Set<String> in) {
    if (of.isEmpty()) return 0;
    int n = 0;
    for (String w : of) if (in.contains(w)) n++;
    return n / (float) of.size();
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
