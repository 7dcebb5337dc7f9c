package dev.frugal.memory.history;

import java.util.Locale;

/** How a memory finds the chunks of its history nearest a query. */
public enum Retrieval {
  /** Cosine similarity of all-MiniLM-L6-v2 embeddings only (the paper's retriever). */
  EMBEDDING,
  /**
   * Okapi BM25 over the chunks' words and embedding cosine, each ranking its best candidates, fused
   * by reciprocal rank ({@link ChunkIndex#hybrid}): a chunk that shares a rare word with the query
   * (a name, "pottery", "LGBTQ") is found even when its embedding is not among the nearest.
   */
  HYBRID,
  /**
   * Okapi BM25 over the chunks' words only ({@link ChunkIndex#lexical}): nothing is embedded, so a
   * memory whose tiers embed nothing either (LOW-tier filtering) never loads the embedding model
   * (docs/memory.md, "Without the embedding model").
   */
  BM25;

  /** The retrieval named {@code name} (case-insensitive); the error lists the valid names. */
  public static Retrieval parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown retrieval '" + name + "'; valid: embedding, hybrid, bm25", e);
    }
  }
}
