package dev.frugal.memory.history;

import java.util.List;

/** What a memory remembers: a dialogue or a set of documents. */
public sealed interface History {

  /** The default chunk size of this kind of history, in tokens (the paper's settings). */
  int defaultChunkTokens();

  /** A conversation, turn by turn; chunks never cross a session. */
  record Dialogue(List<Turn> turns) implements History {
    /** Copies the turns; at least one is required. */
    public Dialogue {
      turns = List.copyOf(turns);
      if (turns.isEmpty()) throw new IllegalArgumentException("a dialogue needs at least one turn");
    }

    @Override
    public int defaultChunkTokens() {
      return 256;
    }
  }

  /** Documents (paragraphs, pages); chunks never cross a document. */
  record Documents(List<Document> documents) implements History {
    /** Copies the documents; at least one is required. */
    public Documents {
      documents = List.copyOf(documents);
      if (documents.isEmpty())
        throw new IllegalArgumentException("a document history needs at least one document");
    }

    @Override
    public int defaultChunkTokens() {
      return 1024;
    }
  }
}
