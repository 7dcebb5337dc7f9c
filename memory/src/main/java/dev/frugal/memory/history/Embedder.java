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
 * share one instance ({@link #shared()}).
 */
public final class Embedder {
  /** The width of an all-MiniLM-L6-v2 embedding. */
  public static final int DIMENSION = 384;

  private static volatile Embedder shared;
  private final EmbeddingModel model;

  private Embedder(EmbeddingModel model) {
    this.model = model;
  }

  /** The process-wide instance, loaded on first use. */
  public static Embedder shared() {
    Embedder e = shared;
    if (e == null) {
      synchronized (Embedder.class) {
        e = shared;
        if (e == null) shared = e = new Embedder(new AllMiniLmL6V2EmbeddingModel());
      }
    }
    return e;
  }

  /** The unit-length embedding of {@code text}. */
  public float[] embed(String text) {
    return normalised(model.embed(text.isBlank() ? "(empty)" : text).content().vector());
  }

  /** The unit-length embeddings of {@code texts}, in order. */
  public List<float[]> embedAll(List<String> texts) {
    List<TextSegment> segments = new ArrayList<>(texts.size());
    for (String t : texts) segments.add(TextSegment.from(t.isBlank() ? "(empty)" : t));
    List<float[]> out = new ArrayList<>(texts.size());
    for (var e : model.embedAll(segments).content()) out.add(normalised(e.vector()));
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
}
