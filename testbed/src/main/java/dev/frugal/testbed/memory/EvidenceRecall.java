package dev.frugal.testbed.memory;

import java.util.Collection;
import java.util.Set;

/**
 * A grader's measurement, never shown to any simulated model: whether a question's supporting
 * sentences reached a text (the retrieved chunks, the summary). It tells retrieval failures apart
 * from reading failures when F1 is low. With {@link AnswerF1}, the only grading code of the memory
 * testbed that reads gold data.
 */
public final class EvidenceRecall {
  private EvidenceRecall() {}

  /** Whether at least one of {@code supporting} occurs in one of {@code texts}. */
  public static boolean any(Set<String> supporting, Collection<String> texts) {
    for (String s : supporting) {
      for (String t : texts) if (t.contains(s)) return true;
    }
    return false;
  }
}
