package dev.frugal.memory.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a history into chunks of at most {@code maxTokens} tokens: whole turns (dialogue) or whole
 * sentences (documents) are packed greedily, a chunk never spans two sessions or two documents, and
 * a single turn or sentence longer than the limit is split at word boundaries.
 */
public final class Chunker {
  private final int maxTokens;

  /**
   * @param maxTokens the most tokens per chunk (at least 16)
   */
  public Chunker(int maxTokens) {
    if (maxTokens < 16) {
      throw new IllegalArgumentException(
          "chunk size must be at least 16 tokens, got "
              + maxTokens
              + " (the paper uses 256 for dialogue, 1024 for documents)");
    }
    this.maxTokens = maxTokens;
  }

  /** A chunker with the history's default size (256 dialogue, 1,024 documents). */
  public static Chunker forHistory(History history) {
    return new Chunker(history.defaultChunkTokens());
  }

  /** The most tokens a chunk holds. */
  public int maxTokens() {
    return maxTokens;
  }

  /** The chunks of {@code history}, in order, numbered from 0. */
  public List<Chunk> chunk(History history) {
    Packer p = new Packer();
    if (history instanceof History.Dialogue d) {
      for (Turn t : d.turns()) {
        p.group("session " + (t.session() + 1), t.date());
        for (String s : Tokens.sentences(t.text())) p.add(t.speaker() + ": " + s);
      }
    } else if (history instanceof History.Documents ds) {
      for (Document doc : ds.documents()) {
        p.forceBreak();
        p.group(doc.title(), doc.date());
        for (String s : Tokens.sentences(doc.text())) p.add(s);
      }
    }
    p.flush();
    return p.out;
  }

  private final class Packer {
    final List<Chunk> out = new ArrayList<>();
    final List<String> current = new ArrayList<>();
    int tokens;
    String source;
    LocalDate date;

    void group(String newSource, LocalDate newDate) {
      if (!newSource.equals(source) || !newDate.equals(date)) flush();
      source = newSource;
      date = newDate;
    }

    void forceBreak() {
      flush();
      source = null;
    }

    void add(String sentence) {
      int n = Tokens.count(sentence);
      if (n > maxTokens) {
        for (String piece : split(sentence)) add(piece);
        return;
      }
      if (tokens + n > maxTokens) flush();
      current.add(sentence);
      tokens += n;
    }

    void flush() {
      if (current.isEmpty()) return;
      out.add(new Chunk(out.size(), source, date, current, tokens));
      current.clear();
      tokens = 0;
    }

    List<String> split(String sentence) {
      List<String> pieces = new ArrayList<>();
      StringBuilder sb = new StringBuilder();
      int n = 0;
      for (String w : sentence.split("\\s+")) {
        int wn = Math.min(Tokens.count(w), maxTokens);
        if (n + wn > maxTokens && sb.length() > 0) {
          pieces.add(sb.toString());
          sb.setLength(0);
          n = 0;
        }
        if (sb.length() > 0) sb.append(' ');
        sb.append(w);
        n += wn;
      }
      if (sb.length() > 0) pieces.add(sb.toString());
      return pieces;
    }
  }
}
