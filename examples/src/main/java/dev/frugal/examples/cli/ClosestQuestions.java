package dev.frugal.examples.cli;

import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.SearchHit;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled questions closest to one the simulated model does not know, ranked by BM25 over the
 * question texts (a throwaway Lucene index), so a newcomer can try one at once.
 */
final class ClosestQuestions {
  private ClosestQuestions() {}

  /** Up to {@code k} question texts of {@code dataset}, best first; empty when no word matches. */
  static List<String> of(Dataset dataset, String asked, int k) {
    if (asked == null || asked.isBlank()) return List.of();
    CorpusIndex.Builder b = CorpusIndex.builder();
    for (Question q : dataset.questions()) b.add("", q.text());
    try (CorpusIndex index = b.build()) {
      List<String> out = new ArrayList<>();
      for (SearchHit h : index.search(asked, k)) {
        index.byId(h.id()).ifPresent(p -> out.add(p.text()));
      }
      return out;
    }
  }
}
