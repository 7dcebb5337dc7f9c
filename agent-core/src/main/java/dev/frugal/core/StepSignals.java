package dev.frugal.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A digest of what the run's tool results and queries contained, for a per-step model selector that
 * wants to see how well the last observation answers the question (docs/router.md, "Step
 * features"). It holds word sets, never the result text: the lower-cased words of the latest
 * result, the words of every earlier result, how many capitalised terms the latest result brought
 * that no earlier one had, and whether the latest query repeated an earlier one.
 *
 * @param lastWords lower-cased words of the latest successful result (empty when the latest call
 *     returned none)
 * @param earlierWords lower-cased words of every successful result before the latest one (at most
 *     {@link #MAX_WORDS})
 * @param lastNewTerms capitalised terms of the latest result absent from every earlier result
 * @param lastQueryRepeated whether the latest call's query has the same words as an earlier call of
 *     the same tool (identical arguments, or a reordering or re-casing of them)
 * @param repeatedQueries how many calls so far repeated an earlier query in that sense
 * @param queries the word sets of the queries so far, tool name first (at most {@link
 *     #MAX_QUERIES})
 */
public record StepSignals(
    Set<String> lastWords,
    Set<String> earlierWords,
    int lastNewTerms,
    boolean lastQueryRepeated,
    int repeatedQueries,
    List<Set<String>> queries) {
  /** The most words kept of all results [choice: bounds memory per run]. */
  public static final int MAX_WORDS = 20_000;

  /** The most queries remembered [choice]. */
  public static final int MAX_QUERIES = 200;

  /** Nothing observed yet. */
  public static final StepSignals NONE =
      new StepSignals(Set.of(), Set.of(), 0, false, 0, List.of());

  /** Copies the collections. */
  public StepSignals {
    lastWords = Set.copyOf(lastWords);
    earlierWords = Set.copyOf(earlierWords);
    queries = List.copyOf(queries);
  }

  /**
   * These signals after one more tool call.
   *
   * @param tool the tool's name
   * @param arguments the call's arguments as the model wrote them (JSON text)
   * @param ok whether the call ran and returned a result
   * @param text the result text when {@code ok}
   */
  public StepSignals with(String tool, String arguments, boolean ok, String text) {
    Set<String> query = new HashSet<>(words(arguments == null ? "" : arguments));
    query.add("\u0000tool:" + tool);
    boolean repeated = queries.contains(query);
    List<Set<String>> q = new ArrayList<>(queries);
    if (!repeated) {
      q.add(Set.copyOf(query));
      if (q.size() > MAX_QUERIES) q.remove(0);
    }
    Set<String> earlier = new HashSet<>(earlierWords);
    for (String w : lastWords) {
      if (earlier.size() >= MAX_WORDS) break;
      earlier.add(w);
    }
    Set<String> last = ok && text != null ? words(text) : Set.of();
    int fresh = 0;
    if (ok && text != null) {
      for (String t : terms(text)) {
        if (!earlier.contains(t)) fresh++;
      }
    }
    return new StepSignals(last, earlier, fresh, repeated, repeatedQueries + (repeated ? 1 : 0), q);
  }

  /** Lower-cased words (letters and digits) of {@code text}. */
  public static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) out.add(w);
    }
    return out;
  }

  /** Lower-cased capitalised words and numbers of {@code text}: its candidate entity terms. */
  public static Set<String> terms(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.split("[^\\p{L}\\p{N}]+")) {
      if (w.isEmpty()) continue;
      char c = w.charAt(0);
      if (Character.isUpperCase(c) || Character.isDigit(c)) out.add(w.toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
