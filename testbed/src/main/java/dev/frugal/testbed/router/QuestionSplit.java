package dev.frugal.testbed.router;

import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed split of a dataset into router training and evaluation questions: the questions at even
 * positions of the file (0, 2, 4, ...) train, those at odd positions evaluate. The two never
 * overlap, and the split does not depend on a seed or on how many questions are used.
 */
public final class QuestionSplit {
  private QuestionSplit() {}

  /** The training half, at most {@code limit} of them (0 = all). */
  public static List<Question> train(Dataset d, int limit) {
    return half(d, 0, limit);
  }

  /** The evaluation half, at most {@code limit} of them (0 = all). */
  public static List<Question> eval(Dataset d, int limit) {
    return half(d, 1, limit);
  }

  private static List<Question> half(Dataset d, int parity, int limit) {
    List<Question> out = new ArrayList<>();
    List<Question> all = d.questions();
    for (int i = parity; i < all.size(); i += 2) {
      if (limit > 0 && out.size() >= limit) break;
      out.add(all.get(i));
    }
    return out;
  }
}
