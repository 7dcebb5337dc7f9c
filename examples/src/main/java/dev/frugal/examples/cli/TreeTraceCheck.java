package dev.frugal.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.strategy.bavt.TreeNotes;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.trace.TraceFormatException;
import dev.frugal.core.trace.TraceLine;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the search-tree notes of one run before {@code trace tree} draws them: each note is JSON
 * of its kind with the fields a drawing needs, ids are unique, the first node is the only root,
 * every other node's parent exists earlier in the tree one level up (so there is no self-parent,
 * cycle or orphan), and the chosen path names known nodes. A problem is a {@link
 * TraceFormatException} naming the file and line.
 */
final class TreeTraceCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NODE_FIELDS =
      List.of("id", "parent", "depth", "value", "status", "reason", "step");

  private TreeTraceCheck() {}

  static void check(Path file, List<TraceLine> lines, String runId) {
    Map<Integer, JsonNode> nodes = new LinkedHashMap<>();
    Map<Integer, Integer> lineOf = new HashMap<>();
    for (TraceLine l : lines) {
      if (!(l.event() instanceof RunEvent.Note n) || !n.runId().equals(runId)) continue;
      switch (n.kind()) {
        case TreeNotes.NODE -> {
          JsonNode o = object(file, l, n);
          for (String f : NODE_FIELDS) {
            if (!o.hasNonNull(f)) throw bad(file, l, "a tree node without '" + f + "'");
          }
          if (!o.get("id").isInt() || !o.get("parent").isInt() || !o.get("depth").isInt()) {
            throw bad(file, l, "a tree node whose id, parent or depth is not a whole number");
          }
          int id = o.get("id").asInt();
          int parent = o.get("parent").asInt();
          int depth = o.get("depth").asInt();
          if (lineOf.containsKey(id)) {
            throw bad(file, l, "node " + id + " again (first on line " + lineOf.get(id) + ")");
          }
          if (parent == id) throw bad(file, l, "node " + id + " is its own parent");
          if (nodes.isEmpty()) {
            if (parent >= 0 || depth != 0) {
              throw bad(file, l, "the first node " + id + " must be the root (parent -1, depth 0)");
            }
          } else if (parent < 0) {
            throw bad(file, l, "node " + id + " is a second root; a tree has one");
          } else if (!nodes.containsKey(parent)) {
            throw bad(file, l, "node " + id + "'s parent " + parent + " is not an earlier node");
          } else if (depth != nodes.get(parent).get("depth").asInt() + 1) {
            throw bad(
                file, l, "node " + id + " has depth " + depth + ", one more than its parent's");
          }
          nodes.put(id, o);
          lineOf.put(id, l.number());
        }
        case TreeNotes.SELECT -> object(file, l, n);
        case TreeNotes.PATH -> {
          JsonNode o = object(file, l, n);
          JsonNode path = o.get("nodes");
          if (path == null || !path.isArray()) throw bad(file, l, "a path without its 'nodes'");
          Set<Integer> seen = new HashSet<>();
          for (JsonNode id : path) {
            if (!id.isInt() || !nodes.containsKey(id.asInt()) || !seen.add(id.asInt())) {
              throw bad(file, l, "the path names " + id + ", which is not a node of the tree");
            }
          }
        }
        default -> {}
      }
    }
  }

  private static JsonNode object(Path file, TraceLine l, RunEvent.Note n) {
    try {
      JsonNode o = JSON.readTree(n.text());
      if (o != null && o.isObject()) return o;
    } catch (JsonProcessingException e) {
      // reported below
    }
    throw bad(file, l, "the '" + n.kind() + "' note's text is not a JSON object");
  }

  private static TraceFormatException bad(Path file, TraceLine l, String what) {
    return new TraceFormatException(
        file
            + " line "
            + l.number()
            + ": "
            + what
            + "; search-tree notes are written by frugal ask --strategy bavt --trace FILE",
        null);
  }
}
