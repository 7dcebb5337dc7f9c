package dev.frugal.testbed.bench;

import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.tools.corpus.CorpusIndex;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.DatasetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A world to measure agents in: a dataset's questions and a Lucene index over their paragraphs
 * (plus any extra distractor paragraph files), with the {@code search} and {@code open} tools over
 * it.
 */
public record Testbed(Dataset dataset, CorpusIndex index, ToolRegistry tools)
    implements AutoCloseable {

  /** The word that selects the HotpotQA questions bundled with Frugal. */
  public static final String BUNDLED = "bundled";

  /**
   * Loads {@code dataset} ({@value #BUNDLED} or a path to a dataset file) and indexes its
   * paragraphs together with those of {@code extraCorpus} files.
   */
  public static Testbed open(String dataset, List<Path> extraCorpus) {
    Dataset d = load(dataset);
    CorpusIndex.Builder b = CorpusIndex.builder().add(d);
    for (Path p : extraCorpus) b.add(DatasetLoader.load(existing(p)));
    CorpusIndex index = b.build();
    return new Testbed(
        d,
        index,
        ToolRegistry.builder().add(new SearchTool(index)).add(new OpenTool(index)).build());
  }

  /** Loads a dataset by the CLI's conventions. */
  public static Dataset load(String dataset) {
    if (dataset == null || dataset.isBlank() || dataset.equals(BUNDLED)) {
      return DatasetLoader.bundledHotpotQa();
    }
    return DatasetLoader.load(existing(Path.of(dataset)));
  }

  private static Path existing(Path p) {
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(
          "dataset file "
              + p
              + " does not exist or is not a file; pass a JSONL file in the IRCoT or"
              + " HotpotQA/2Wiki format, or '"
              + BUNDLED
              + "' for the bundled HotpotQA questions");
    }
    return p;
  }

  @Override
  public void close() {
    index.close();
  }
}
