package dev.frugal.core.strategy.bavt;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.trace.RunEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * How BAVT records its search tree in a run's trace, so it can be drawn afterwards: {@link
 * RunEvent.Note} entries whose text is one JSON object.
 *
 * <ul>
 *   <li>kind {@value #NODE}: a node was created ({@link NodeNote});
 *   <li>kind {@value #SELECT}: a node was selected for expansion ({@link SelectNote});
 *   <li>kind {@value #PATH}: the search ended; the chosen path and the answer ({@link PathNote}).
 * </ul>
 */
public final class TreeNotes {
  /** The note kind of a node added to the tree. */
  public static final String NODE = "node";

  /** The note kind of a node selected for expansion. */
  public static final String SELECT = "select";

  /** The note kind of the path the answer came from. */
  public static final String PATH = "path";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private TreeNotes() {}

  /**
   * A node of the tree.
   *
   * @param id the node's id (0 is the root)
   * @param parent the parent's id, -1 for the root
   * @param depth steps from the root
   * @param value V
   * @param delta the critic's delta; null when the critic was not asked (the root, answers,
   *     unscored steps, and steps pruned as repeated, refused or without an answer)
   * @param status open, pruned, terminal or unscored
   * @param reason why it was pruned, "" otherwise
   * @param step what the step did, e.g. {@code search {"queries":["..."]}} or {@code answer: X}
   */
  public record NodeNote(
      int id,
      int parent,
      int depth,
      double value,
      Double delta,
      String status,
      String reason,
      String step) {}

  /**
   * A selection.
   *
   * @param node the selected node's id
   * @param r the remaining ratio used (after clamping)
   * @param probability the selected node's probability
   * @param frontier how many nodes could have been selected
   */
  public record SelectNote(int node, double r, double probability, int frontier) {}

  /**
   * The end of the search.
   *
   * @param nodes the chosen path, root first: to the terminal answer, or to the best node whose
   *     trajectory the forced answer came from
   * @param answer the answer, null when none came
   * @param forced whether the answer was forced after the search ran out
   * @param why why the search ended
   */
  public record PathNote(List<Integer> nodes, String answer, boolean forced, String why) {}

  /** The tree of one run, as read back from its notes. */
  public record Tree(
      String runId, List<NodeNote> nodes, List<SelectNote> selections, PathNote path) {}

  static String json(Object note) {
    try {
      return JSON.writeValueAsString(note);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a tree note: " + e.getMessage(), e);
    }
  }

  /**
   * Every search tree in {@code events}, one per run that recorded {@value #NODE} notes, in the
   * order the runs started.
   *
   * @throws IllegalArgumentException naming the note that is not valid JSON of its kind
   */
  public static List<Tree> read(List<RunEvent> events) {
    List<String> runs = new ArrayList<>();
    for (RunEvent e : events) {
      if (e instanceof RunEvent.Note n && n.kind().equals(NODE) && !runs.contains(n.runId())) {
        runs.add(n.runId());
      }
    }
    List<Tree> out = new ArrayList<>();
    for (String run : runs) {
      List<NodeNote> nodes = new ArrayList<>();
      List<SelectNote> selects = new ArrayList<>();
      PathNote path = null;
      for (RunEvent e : events) {
        if (!(e instanceof RunEvent.Note n) || !n.runId().equals(run)) continue;
        switch (n.kind()) {
          case NODE -> nodes.add(parse(n, NodeNote.class));
          case SELECT -> selects.add(parse(n, SelectNote.class));
          case PATH -> path = parse(n, PathNote.class);
          default -> {}
        }
      }
      out.add(new Tree(run, List.copyOf(nodes), List.copyOf(selects), path));
    }
    return out;
  }

  private static <T> T parse(RunEvent.Note n, Class<T> type) {
    try {
      return JSON.readValue(n.text(), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "run "
              + n.runId()
              + ": the '"
              + n.kind()
              + "' note is not a "
              + type.getSimpleName()
              + " in JSON: "
              + n.text(),
          e);
    }
  }
}
