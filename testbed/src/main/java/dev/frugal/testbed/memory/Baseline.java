package dev.frugal.testbed.memory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The memory-less and note-taking baselines the BudgetMem paper (arXiv 2602.06025) sets its tiers
 * against (docs/memory.md, "Baselines"), run by {@link MemoryBench#baselineRow}:
 *
 * <ul>
 *   <li>{@link #FULL_CONTEXT}: no memory; the reader reads the whole history, cut to its context
 *       window ({@link ReaderContext}) when it does not fit.
 *   <li>{@link #NOTES}: each session (or document) is summarised into notes once, at write time, by
 *       a model paid from a ledger ({@link SessionNotes}, Mem0 / A-MEM style); the reader reads the
 *       notes.
 * </ul>
 */
public enum Baseline {
  FULL_CONTEXT("full-context"),
  NOTES("notes");

  private final String label;

  Baseline(String label) {
    this.label = label;
  }

  /** The row label in the bench's tables and {@code results.csv}. */
  public String label() {
    return label;
  }

  /** The valid names, for error messages. */
  public static String validNames() {
    List<String> names = new ArrayList<>();
    for (Baseline b : values()) names.add(b.label);
    return String.join(", ", names);
  }

  /**
   * A comma-separated list of baseline names, each once, in the order given.
   *
   * @throws IllegalArgumentException naming the bad entry and the valid names
   */
  public static List<Baseline> parseList(String csv) {
    Set<Baseline> out = new LinkedHashSet<>();
    if (csv == null || csv.isBlank()) return List.of();
    for (String raw : csv.split(",")) {
      String name = raw.strip().toLowerCase(Locale.ROOT);
      Baseline found = null;
      for (Baseline b : values()) if (b.label.equals(name)) found = b;
      if (found == null) {
        throw new IllegalArgumentException(
            "unknown baseline '"
                + raw.strip()
                + "'; valid: "
                + validNames()
                + " (comma-separated)");
      }
      out.add(found);
    }
    return List.copyOf(out);
  }
}
