package dev.frugal.tools.corpus;

import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much room a dataset leaves a budget policy: how often the question text alone, used as one
 * query, already retrieves the supporting paragraphs. When one search finds everything, the budget
 * hardly matters and every policy looks alike; benchmarks report these figures beside their
 * results. A hit counts as a supporting paragraph when its title is a supporting title.
 *
 * @param dataset the dataset's name
 * @param questions questions measured
 * @param anySupportingAt1 fraction with at least one supporting paragraph in the top 1
 * @param anySupportingAt5 ... in the top 5
 * @param anySupportingAt10 ... in the top 10
 * @param allSupportingAt5 fraction with every supporting paragraph in the top 5
 * @param allSupportingAt10 ... in the top 10
 * @param exactTitleAt10 fraction of supporting paragraphs found in the top 10 when their exact
 *     title is the query
 */
public record RetrievalHeadroom(
    String dataset,
    int questions,
    double anySupportingAt1,
    double anySupportingAt5,
    double anySupportingAt10,
    double allSupportingAt5,
    double allSupportingAt10,
    double exactTitleAt10) {

  /**
   * Measures {@code dataset}'s questions against {@code index} (which should hold its paragraphs).
   */
  public static RetrievalHeadroom measure(CorpusIndex index, Dataset dataset) {
    List<Question> qs = dataset.questions();
    if (qs.isEmpty()) {
      throw new IllegalArgumentException("dataset " + dataset.name() + " has no questions");
    }
    int any1 = 0, any5 = 0, any10 = 0, all5 = 0, all10 = 0, titles = 0, titlesFound = 0;
    for (Question q : qs) {
      List<SearchHit> hits = index.search(q.text(), 10);
      Set<String> wanted = new HashSet<>(q.supportingTitles());
      if (found(hits, 1, wanted) > 0) any1++;
      int in5 = found(hits, 5, wanted);
      int in10 = found(hits, 10, wanted);
      if (in5 > 0) any5++;
      if (in10 > 0) any10++;
      if (in5 == wanted.size()) all5++;
      if (in10 == wanted.size()) all10++;
      for (String title : wanted) {
        titles++;
        if (found(index.search(title, 10), 10, Set.of(title)) > 0) titlesFound++;
      }
    }
    double n = qs.size();
    return new RetrievalHeadroom(
        dataset.name(),
        qs.size(),
        any1 / n,
        any5 / n,
        any10 / n,
        all5 / n,
        all10 / n,
        titlesFound / (double) titles);
  }

  /** How many distinct wanted titles appear among the first {@code k} hits. */
  private static int found(List<SearchHit> hits, int k, Set<String> wanted) {
    Set<String> seen = new HashSet<>();
    for (SearchHit h : hits.subList(0, Math.min(k, hits.size()))) {
      if (wanted.contains(h.title())) seen.add(h.title());
    }
    return seen.size();
  }
}
