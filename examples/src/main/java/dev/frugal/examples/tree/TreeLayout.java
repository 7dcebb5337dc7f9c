package dev.frugal.examples.tree;

import dev.frugal.core.strategy.bavt.TreeNotes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each node of a recorded tree goes: leaves take consecutive columns in depth-first order, a
 * parent sits over the middle of its children, and the row is the depth. Also counts how often each
 * node was selected and which nodes lie on the chosen path.
 */
final class TreeLayout {
  final Map<Integer, TreeNotes.NodeNote> nodes = new LinkedHashMap<>();
  final Map<Integer, List<Integer>> children = new HashMap<>();
  final Map<Integer, Double> column = new HashMap<>();
  final Map<Integer, Integer> selections = new HashMap<>();
  final Set<Integer> chosen = new HashSet<>();
  int columns;
  int rows;

  TreeLayout(TreeNotes.Tree tree) {
    if (tree.nodes().isEmpty()) {
      throw new IllegalArgumentException("run " + tree.runId() + " recorded no tree nodes");
    }
    for (TreeNotes.NodeNote n : tree.nodes()) {
      nodes.put(n.id(), n);
      children.computeIfAbsent(n.id(), k -> new ArrayList<>());
      if (n.parent() >= 0) children.computeIfAbsent(n.parent(), k -> new ArrayList<>()).add(n.id());
      rows = Math.max(rows, n.depth() + 1);
    }
    for (TreeNotes.SelectNote s : tree.selections()) selections.merge(s.node(), 1, Integer::sum);
    if (tree.path() != null) chosen.addAll(tree.path().nodes());
    place(tree.nodes().get(0).id());
  }

  private double place(int id) {
    List<Integer> kids = children.getOrDefault(id, List.of());
    double x;
    if (kids.isEmpty()) {
      x = columns++;
    } else {
      double first = Double.NaN;
      double last = 0;
      for (int k : kids) {
        last = place(k);
        if (Double.isNaN(first)) first = last;
      }
      x = (first + last) / 2;
    }
    column.put(id, x);
    return x;
  }

  /** True when the edge into {@code id} is on the chosen path. */
  boolean chosenEdge(int id) {
    TreeNotes.NodeNote n = nodes.get(id);
    return chosen.contains(id) && n.parent() >= 0 && chosen.contains(n.parent());
  }
}
