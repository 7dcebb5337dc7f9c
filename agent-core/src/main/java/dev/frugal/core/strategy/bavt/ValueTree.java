package dev.frugal.core.strategy.bavt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The search tree of BAVT without any model in it, so that its rules can be tested on their own:
 * nodes carry a state (for the strategy, a conversation prefix), a value {@code V} in {@code
 * [minValue, 1]} and the critic's {@code delta} that produced it.
 *
 * <ul>
 *   <li><b>Frontier</b>: the nodes that are neither pruned nor terminal and have had fewer than
 *       {@link TreeRules#maxChildren()} children. Inner nodes stay in it, so a node can be expanded
 *       again to try an alternative step; the root leaves it once it has a kept child unless {@link
 *       TreeRules#rootStaysSelectable()}.
 *   <li><b>Select</b> ({@link #select}): a frontier node with probability {@code V^(1/r) / sum},
 *       see {@link Selection}.
 *   <li><b>Update</b> ({@link #addScored}): {@code V(child) = V + delta (1 - V)} for progress and
 *       {@code V (1 + delta)} otherwise ({@link TreeRules#update}); a child with {@code delta <=
 *       pruneAtOrBelow} is pruned (kept in the tree for the record, never selected).
 *   <li><b>Best</b> ({@link #best}): the highest-value node that is not pruned; ties go to the
 *       deeper node (it holds more observations) [choice], then to the older one.
 * </ul>
 *
 * <p>Not thread-safe: one run owns one tree.
 *
 * @param <S> what a node holds
 */
final class ValueTree<S> {

  /** Where a node stands. */
  public enum Status {
    /** Can be selected while it has room for children. */
    OPEN,
    /** Scored as no progress, repeated, or without a usable result; never selected. */
    PRUNED,
    /** A final answer: the search ends here. */
    TERMINAL,
    /**
     * Created but not scored (the critic could not be paid for or failed); keeps its parent's V.
     */
    UNSCORED
  }

  /** One node. Its fields are read-only outside the tree. */
  public static final class Node<S> {
    private final int id;
    private final Node<S> parent;
    private final int depth;
    private final S state;
    private final double value;
    private final double delta;
    private final Status status;
    private final String reason;
    private final List<Node<S>> children = new ArrayList<>();
    private int selections;

    private Node(
        int id, Node<S> parent, S state, double value, double delta, Status status, String reason) {
      this.id = id;
      this.parent = parent;
      this.depth = parent == null ? 0 : parent.depth + 1;
      this.state = state;
      this.value = value;
      this.delta = delta;
      this.status = status;
      this.reason = reason;
    }

    public int id() {
      return id;
    }

    /** The parent, or null for the root. */
    public Node<S> parent() {
      return parent;
    }

    public int depth() {
      return depth;
    }

    public S state() {
      return state;
    }

    /** V, in {@code [minValue, 1]}. */
    public double value() {
      return value;
    }

    /** The critic's delta that produced this node; NaN for the root and unscored nodes. */
    public double delta() {
      return delta;
    }

    public Status status() {
      return status;
    }

    /** Why the node was pruned, or "" when it was not. */
    public String reason() {
      return reason;
    }

    /** The children, oldest first. */
    public List<Node<S>> children() {
      return Collections.unmodifiableList(children);
    }

    /** How many times {@link ValueTree#select} picked this node. */
    public int selections() {
      return selections;
    }

    @Override
    public String toString() {
      return "Node#" + id + "(V=" + value + ", " + status + ")";
    }
  }

  /** The reason given to children pruned for their score. */
  public static final String NO_PROGRESS = "no progress";

  private final TreeRules rules;
  private final List<Node<S>> nodes = new ArrayList<>();

  /** A tree holding only its root, with value {@link TreeRules#rootValue()}. */
  public ValueTree(S rootState, TreeRules rules) {
    this.rules = Objects.requireNonNull(rules, "rules");
    nodes.add(new Node<>(0, null, rootState, rules.rootValue(), Double.NaN, Status.OPEN, ""));
  }

  public TreeRules rules() {
    return rules;
  }

  public Node<S> root() {
    return nodes.get(0);
  }

  /** Every node, in order of creation (the id is the index). */
  public List<Node<S>> nodes() {
    return Collections.unmodifiableList(nodes);
  }

  /** The nodes that may be selected, in order of creation. */
  public List<Node<S>> frontier() {
    List<Node<S>> out = new ArrayList<>();
    for (Node<S> n : nodes) if (isOpen(n)) out.add(n);
    return out;
  }

  private boolean isOpen(Node<S> n) {
    if (n.parent == null && !rules.rootStaysSelectable() && hasKeptChild(n)) return false;
    return (n.status == Status.OPEN || n.status == Status.UNSCORED)
        && n.children.size() < rules.maxChildren();
  }

  private static boolean hasKeptChild(Node<?> n) {
    for (Node<?> c : n.children) {
      if (c.status == Status.OPEN || c.status == Status.UNSCORED) return true;
    }
    return false;
  }

  /** The selection probability of each frontier node at ratio {@code r}, frontier order. */
  public double[] probabilities(double r) {
    List<Node<S>> f = frontier();
    double[] values = new double[f.size()];
    for (int i = 0; i < values.length; i++) values[i] = f.get(i).value;
    return Selection.probabilities(values, r, rules.minValue(), rules.minRatio());
  }

  /**
   * Picks a frontier node with probability {@code V^(1/r) / sum} ({@link Selection}).
   *
   * @throws IllegalStateException when the frontier is empty
   */
  public Node<S> select(double r, RandomGenerator random) {
    List<Node<S>> f = frontier();
    if (f.isEmpty()) {
      throw new IllegalStateException(
          "the frontier is empty: every node is pruned, terminal or has "
              + rules.maxChildren()
              + " children");
    }
    Node<S> n = f.get(Selection.sample(probabilities(r), random));
    n.selections++;
    return n;
  }

  /**
   * Adds a child scored by the critic: {@code V = }{@link TreeRules#update}, pruned when {@code
   * delta <= pruneAtOrBelow}.
   *
   * @throws IllegalArgumentException when delta is not a finite number in [-1, 1]
   */
  public Node<S> addScored(Node<S> parent, S state, double delta) {
    if (!(delta >= -1 && delta <= 1)) {
      throw new IllegalArgumentException("delta must be a number in [-1, 1], got " + delta);
    }
    boolean prune = delta <= rules.pruneAtOrBelow();
    return add(
        parent,
        state,
        rules.update(own(parent).value, delta),
        delta,
        prune ? Status.PRUNED : Status.OPEN,
        prune ? NO_PROGRESS : "");
  }

  /** Adds a pruned child for a reason other than its score (e.g. a repeated step). */
  public Node<S> addPruned(Node<S> parent, S state, double delta, String reason) {
    if (!(delta >= -1 && delta <= 1)) {
      throw new IllegalArgumentException("delta must be a number in [-1, 1], got " + delta);
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a pruned node needs a reason");
    }
    return add(parent, state, rules.update(own(parent).value, delta), delta, Status.PRUNED, reason);
  }

  /** Adds a final-answer child; it keeps its parent's value (answers are not critiqued). */
  public Node<S> addTerminal(Node<S> parent, S state) {
    return add(parent, state, own(parent).value, Double.NaN, Status.TERMINAL, "");
  }

  /** Adds a child that could not be scored; it keeps its parent's value and is not pruned. */
  public Node<S> addUnscored(Node<S> parent, S state) {
    return add(parent, state, own(parent).value, Double.NaN, Status.UNSCORED, "");
  }

  /** The highest-value node that is not pruned (ties: deeper, then older). */
  public Node<S> best() {
    Node<S> best = null;
    for (Node<S> n : nodes) {
      if (n.status == Status.PRUNED) continue;
      if (best == null || n.value > best.value || (n.value == best.value && n.depth > best.depth)) {
        best = n;
      }
    }
    return best; // the root is never pruned
  }

  /** The nodes from the root down to {@code node}. */
  public List<Node<S>> path(Node<S> node) {
    List<Node<S>> out = new ArrayList<>();
    for (Node<S> n = own(node); n != null; n = n.parent) out.add(n);
    Collections.reverse(out);
    return out;
  }

  private Node<S> add(
      Node<S> parent, S state, double value, double delta, Status status, String reason) {
    Node<S> p = own(parent);
    if (p.status == Status.PRUNED || p.status == Status.TERMINAL) {
      throw new IllegalStateException("node " + p.id + " is " + p.status + " and cannot grow");
    }
    Node<S> child = new Node<>(nodes.size(), p, state, value, delta, status, reason);
    p.children.add(child);
    nodes.add(child);
    return child;
  }

  private Node<S> own(Node<S> n) {
    Objects.requireNonNull(n, "node");
    if (n.id >= nodes.size() || nodes.get(n.id) != n) {
      throw new IllegalArgumentException(n + " is not a node of this tree");
    }
    return n;
  }
}
