package dev.frugal.examples.corpus;

import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.RetrievalHeadroom;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.DatasetLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints, per dataset, the index size and build time, the median query time, and the {@link
 * RetrievalHeadroom} figures; then the same for the union of all datasets (the others' paragraphs
 * acting as extra distractors). With no arguments it measures the bundled HotpotQA sample; each
 * argument adds a dataset file (IRCoT or HotpotQA/2Wiki schema).
 *
 * <pre>
 * mvn -q -pl examples -am compile exec:java ... or
 * java -cp ... dev.frugal.examples.corpus.RetrievalReport ../shared/data/2wikimultihopqa/dev200.jsonl
 * </pre>
 *
 * Timings are wall-clock on the current machine: the first build in a cold JVM, then one build each
 * after it.
 */
public final class RetrievalReport {

  private RetrievalReport() {}

  public static void main(String[] args) {
    List<Dataset> datasets = new ArrayList<>();
    datasets.add(DatasetLoader.bundledHotpotQa());
    for (String a : args) datasets.add(DatasetLoader.load(Path.of(a)));

    long coldStart = System.nanoTime();
    try (CorpusIndex cold = CorpusIndex.of(datasets.get(0))) {
      cold.search("warm up", 10);
      System.out.printf(
          Locale.ROOT,
          "first (cold JVM) build of %s: %.2f s%n",
          datasets.get(0).name(),
          (System.nanoTime() - coldStart) / 1e9);
    }
    System.out.println(
        "dataset | questions (skipped) | paragraphs | build s | query p50 ms | any@1/5/10 |"
            + " all@5/10 | exact title@10");
    for (Dataset d : datasets) report(d.name(), List.of(d), d);
    if (datasets.size() > 1) {
      for (Dataset d : datasets) {
        report(d.name() + " in union", datasets, d);
      }
    }
  }

  private static void report(String label, List<Dataset> corpus, Dataset measured) {
    long start = System.nanoTime();
    try (CorpusIndex index = CorpusIndex.of(corpus.toArray(Dataset[]::new))) {
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      double p50 = medianQueryMillis(index, measured);
      RetrievalHeadroom h = RetrievalHeadroom.measure(index, measured);
      System.out.println(
          String.format(
              Locale.ROOT,
              "%s | %d (%d) | %,d | %.2f | %.2f | %.2f / %.2f / %.2f | %.2f / %.2f | %.1f%%",
              label,
              h.questions(),
              measured.skipped(),
              index.size(),
              buildSeconds,
              p50,
              h.anySupportingAt1(),
              h.anySupportingAt5(),
              h.anySupportingAt10(),
              h.allSupportingAt5(),
              h.allSupportingAt10(),
              100 * h.exactTitleAt10()));
    }
  }

  private static double medianQueryMillis(CorpusIndex index, Dataset d) {
    double[] ms =
        d.questions().stream()
            .mapToDouble(
                q -> {
                  long t = System.nanoTime();
                  index.search(q.text(), 10);
                  return (System.nanoTime() - t) / 1e6;
                })
            .toArray();
    Arrays.sort(ms);
    return ms[ms.length / 2];
  }
}
