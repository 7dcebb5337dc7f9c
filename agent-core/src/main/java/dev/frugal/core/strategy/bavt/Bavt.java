package dev.frugal.core.strategy.bavt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.frugal.core.ModelFailureException;
import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.engine.Answers;
import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.StoppingRule;
import dev.frugal.core.strategy.bavt.ValueTree.Node;
import dev.frugal.core.strategy.bavt.ValueTree.Status;
import dev.frugal.core.strategy.internal.Prompts;
import dev.frugal.core.strategy.internal.ToolTurn;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.StringJoiner;
import java.util.random.RandomGenerator;

/**
 * BAVT, budget-aware value tree search (the BAVT paper, arXiv 2603.12634): one model acts as
 * generator and as critic over a search tree of agent states that all spend from the run's one
 * working ledger.
 *
 * <p><b>The loop.</b> A node is a conversation prefix: the system prompt, the question and the
 * steps taken on its path. The root has value {@code V0}. Each round computes the remaining ratio r
 * ({@link RemainingRatio}) of the working ledger, selects a frontier node with probability {@code
 * V^(1/r) / sum} ({@link Selection}), and expands it: the generator, given the node's conversation
 * and the tools that still have units, proposes one step through {@link RunContext#chat} (a turn
 * with tool calls, or a final answer). Tool calls run through {@link RunContext#callTool}; then the
 * residual critic ({@link ResidualCritic}, a separate {@code chat} with a JSON response format)
 * scores the new step's progress over its parent as {@code delta} in [-1, 1], and the child gets
 * {@code V = V(parent) + delta (1 - V(parent))} for progress and {@code V(parent) (1 + delta)}
 * otherwise, clamped to {@code [1e-6, 1 - 1e-6]} ({@link TreeRules#update}). Children with {@code
 * delta <= 0} are pruned, and so are steps that repeat a call already on their path or already
 * tried from the same node (not executed, not critiqued), steps whose every call was refused or
 * failed (delta -1, not critiqued) and replies with neither a tool call nor an answer. A final
 * answer ends the search. When the budget, the agent's step limit or the frontier runs out, a final
 * answer is forced from the highest-value node's trajectory ({@link RunContext#forceAnswer}), so
 * the method always answers.
 *
 * <p><b>Alternatives.</b> When a node is expanded again, the generator is also shown, as one user
 * message each, the steps already tried from it and how the critic judged them, and asked for a
 * different one [choice, default on]. A sampled model would diverge on its own; a deterministic one
 * (temperature 0, or the testbed's simulation, whose draws depend on the request) would otherwise
 * propose the same step again.
 *
 * <p><b>Budget shape and stopping</b> (docs/bavt.md, "The paper's budget shape"): by default the
 * run's tool caps are read as one total tool-call budget shared by every tool, the paper's shape
 * (tiers of 5 / 10 / 20 calls in all): its size is the largest tool cap, r's tool part is the share
 * of it left ({@link RemainingRatio.ToolPooling#TOTAL}), the search stops and forces its answer
 * when it is spent, and the calls of a step beyond it are refused without running. The per-tool
 * form ({@code toolPooling(POOLED)}, named {@code bavt-per-tool}) pools the caps for r and stops
 * when its {@link StoppingRule} says the tool budget is spent (by default when any capped tool is).
 * Tools the budget caps at 0 are never offered. Token caps count as set: the testbed's tiers cap
 * input plus output tokens.
 *
 * <p><b>The critic's reply</b> is bounded: the critique request asks for at most {@code
 * criticMaxOutputTokens} output tokens [choice: 64; the reply is one small JSON object].
 *
 * <p><b>Defaults</b> ([choice]s of the BAVT paper (arXiv 2603.12634), each settable in the {@link
 * Builder}): V0 = 0.5; V clipped to [1e-6, 1 - 1e-6]; r = min(total tool calls left / total, lowest
 * token fraction left) clamped to at least 1e-3; delta in [-1, 1]; prune at delta &lt;= 0; prune
 * repeated steps; no cap on children per node; the root leaves the frontier once it has a kept
 * child; alternatives shown; selection draws from {@link RandomSource#seeded(long) seeded(0)}.
 *
 * <p><b>Expansion cost guard</b> [choice, beyond the paper, default off]: before each expansion the
 * search compares the working ledger's headroom on every token, dollar and call cap with the mean
 * cost of one expansion so far in the run (generator, tools and critic); when the headroom is
 * smaller it stops and forces the answer. Without it the last expansion is often cut off half-way
 * (a reply truncated at the remaining output tokens, or a critic that can no longer be paid);
 * whether that wastes the step depends on what the provider returns when it truncates (see
 * docs/bavt.md). The Budget Tracker, when the agent has it on, adds its prompt section and status
 * blocks as in ReAct.
 *
 * <p>Every call is paid from the working ledger (the answer reserve pays the forced answer), so the
 * run can never spend beyond its budget. The tree is recorded in the trace ({@link TreeNotes}).
 *
 * <p><b>Concurrency.</b> Expansions are sequential by the algorithm: each round selects a node by
 * the values the critic gave in earlier rounds and by the budget they left (r), so round k+1 cannot
 * begin before round k is scored, and expanding several frontier nodes at once would select them on
 * stale values. What is independent runs at once when the agent has an {@link
 * dev.frugal.core.AgentBuilder#executor executor}: the tool calls of one expansion's step, whose
 * results join the node's conversation in the model's order (the critic sees them so); without an
 * executor they run one after another.
 */
public final class Bavt implements Strategy {
  /** The critic's output-token cap by default [choice]. */
  public static final int DEFAULT_CRITIC_MAX_OUTPUT_TOKENS = 64;

  private static final ObjectMapper SORTED =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private final String systemPrompt;
  private final ResidualCritic critic;
  private final TreeRules rules;
  private final RemainingRatio ratio;
  private final boolean pruneRepeated;
  private final boolean showAlternatives;
  private final boolean costGuard;
  private final RandomSource random;
  private final StoppingRule stoppingRule;

  private Bavt(Builder b) {
    this.systemPrompt = b.systemPrompt;
    this.critic = new ResidualCritic(b.criticPrompt, b.criticInstruction, b.criticMaxOutputTokens);
    this.rules =
        new TreeRules(
            b.rootValue,
            b.minValue,
            b.minRatio,
            b.pruneAtOrBelow,
            b.maxChildren,
            b.rootStaysSelectable);
    this.ratio = new RemainingRatio(b.toolPooling, b.includeUsd);
    this.pruneRepeated = b.pruneRepeated;
    this.showAlternatives = b.showAlternatives;
    this.costGuard = b.costGuard;
    this.random = b.random;
    this.stoppingRule = b.stoppingRule;
  }

  /** Starts building BAVT with the paper's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return (costGuard ? "bavt-guard" : "bavt") + (totalBudget() ? "" : "-per-tool");
  }

  /** The tree's numeric rules. */
  TreeRules rules() {
    return rules;
  }

  /** One node's state: its conversation, what its step did, and the step's call key. */
  record Step(List<ChatMessage> conversation, String label, String key) {}

  /** How one expansion ended. */
  private sealed interface Round {
    /** The search goes on. */
    record Continue() implements Round {}

    /** A final answer: the search ends with it. */
    record Answered(String answer) implements Round {}

    /** The search must stop (the budget or the model ran out). */
    record Stop(StopReason reason, String why) implements Round {}
  }

  @Override
  public Outcome run(RunContext ctx) {
    RandomGenerator rng = random.forRun(ctx.question());
    List<ChatMessage> start = new ArrayList<>();
    String tracker = ctx.trackerPromptSection();
    start.add(
        SystemMessage.from(tracker.isEmpty() ? systemPrompt : systemPrompt + "\n\n" + tracker));
    start.add(UserMessage.from("Question: " + ctx.question()));
    ValueTree<Step> tree = new ValueTree<>(new Step(List.copyOf(start), "question", null), rules);
    noteNode(ctx, tree.root());
    Ledger ledger = ctx.ledger();
    Spend spent = Spend.ZERO; // by the expansions so far
    int expansions = 0;
    Map<Integer, Integer> createdIn = new java.util.HashMap<>(); // node id -> expansion scope
    String why;
    StopReason reason;
    while (true) {
      if (ctx.steps() >= ctx.maxSteps()) {
        reason = new StopReason.MaxSteps(ctx.steps());
        why = reason.describe();
        break;
      }
      Optional<Cap> spentTool =
          totalBudget() ? totalSpent(ledger) : stoppingRule.spent(ctx, ledger);
      if (spentTool.isPresent()) {
        reason = new StopReason.BudgetExhausted(spentTool.get());
        why = reason.describe();
        break;
      }
      List<ToolSpecification> offered = new ArrayList<>();
      for (ToolSpecification spec : ctx.offeredTools()) {
        if (ledger.headroom(new Cap.ToolUnits(spec.name())).orElse(1) > 0) offered.add(spec);
      }
      if (tree.frontier().isEmpty()) {
        reason = new StopReason.Answered();
        why = "every branch was pruned or fully tried";
        break;
      }
      Optional<Cap> tight = costGuard ? unaffordable(ledger, spent, expansions) : Optional.empty();
      if (tight.isPresent()) {
        reason = new StopReason.BudgetExhausted(tight.get());
        why = "too little " + tight.get().describe() + " left for another expansion";
        break;
      }
      double r = Math.max(rules.minRatio(), ratio.of(ledger.snapshot()));
      List<Node<Step>> frontier = tree.frontier();
      double[] p = tree.probabilities(r);
      Node<Step> node = tree.select(r, rng);
      ctx.note(
          TreeNotes.SELECT,
          TreeNotes.json(
              new TreeNotes.SelectNote(node.id(), r, p[frontier.indexOf(node)], frontier.size())));
      ctx.nextStep();
      Spend before = ledger.snapshot().used();
      Round round;
      int known = tree.nodes().size();
      try (var scope =
          ctx.scope("expand", "expand node " + node.id(), createdIn.getOrDefault(node.id(), 0))) {
        round = expand(ctx, tree, node, offered, ledger);
        // the nodes this expansion created branch from it in the trace
        tree.nodes().stream().skip(known).forEach(n -> createdIn.put(n.id(), scope.id()));
      }
      spent = spent.plus(ledger.snapshot().used().minus(before));
      expansions++;
      if (round instanceof Round.Answered a) return Outcome.answered(a.answer());
      if (round instanceof Round.Stop stop) {
        reason = stop.reason();
        why = stop.why();
        break;
      }
    }
    Node<Step> best = tree.best();
    Optional<String> answer = ctx.forceAnswer(best.state().conversation());
    notePath(ctx, tree, best, answer.orElse(null), true, why);
    return new Outcome(answer.orElse(null), reason, true);
  }

  /** Expands {@code node}: one generator step, its tool calls, and the critic's score. */
  private Round expand(
      RunContext ctx,
      ValueTree<Step> tree,
      Node<Step> node,
      List<ToolSpecification> offered,
      Ledger ledger) {
    ChatResponse resp;
    try {
      resp = ctx.chat("step", generatorRequest(node, offered), ledger);
    } catch (BudgetExceededException e) {
      StopReason why = StopReason.BudgetExhausted.refused(e);
      return new Round.Stop(why, why.describe());
    } catch (ModelFailureException e) {
      StopReason why = new StopReason.ModelFailure(e.getMessage());
      return new Round.Stop(why, why.describe());
    }
    AiMessage ai = resp.aiMessage();
    List<ChatMessage> conv = new ArrayList<>(node.state().conversation());
    conv.add(ai);
    if (!ai.hasToolExecutionRequests()) {
      Optional<String> answer = Answers.extract(ai.text());
      Step s = new Step(List.copyOf(conv), "answer: " + answer.orElse("(none)"), null);
      if (answer.isEmpty()) {
        noteNode(ctx, tree.addPruned(node, s, -1, "no answer"));
        return new Round.Continue();
      }
      Node<Step> done = tree.addTerminal(node, s);
      noteNode(ctx, done);
      notePath(ctx, tree, done, answer.get(), false, "answered");
      return new Round.Answered(answer.get());
    }
    String key = key(ai);
    String label = label(ai);
    if (pruneRepeated && repeated(node, key)) {
      Step s = new Step(node.state().conversation(), label, key);
      noteNode(ctx, tree.addPruned(node, s, 0, "repeated"));
      return new Round.Continue();
    }
    boolean usable = false;
    List<ToolExecutionRequest> calls = ai.toolExecutionRequests();
    int allowed = totalBudget() ? (int) Math.min(calls.size(), totalLeft(ledger)) : calls.size();
    List<RunContext.ToolOutcome> outs = ToolTurn.call(ctx, calls.subList(0, allowed), ledger);
    for (int i = 0; i < calls.size(); i++) {
      if (i >= allowed) { // beyond the total tool-call budget: refused, not run
        conv.add(ToolExecutionResultMessage.from(calls.get(i), TOTAL_REFUSED));
        continue;
      }
      RunContext.ToolOutcome out = outs.get(i);
      conv.add(ToolExecutionResultMessage.from(calls.get(i), out.text()));
      usable |=
          out.status() == RunContext.ToolOutcome.Status.OK
              || out.status() == RunContext.ToolOutcome.Status.REPEATED;
    }
    Step child = new Step(List.copyOf(conv), label, key);
    if (!usable) {
      noteNode(ctx, tree.addPruned(node, child, -1, "refused or failed"));
      return new Round.Continue();
    }
    ChatResponse judged;
    try {
      judged = ctx.chat("critique", critic.request(conv), ledger);
    } catch (BudgetExceededException e) {
      noteNode(ctx, tree.addUnscored(node, child));
      StopReason why = StopReason.BudgetExhausted.refused(e);
      return new Round.Stop(why, why.describe() + " (before the critic)");
    } catch (ModelFailureException e) {
      noteNode(ctx, tree.addUnscored(node, child));
      return new Round.Continue();
    }
    OptionalDouble delta = ResidualCritic.score(judged.aiMessage().text());
    if (delta.isEmpty()) {
      noteNode(ctx, tree.addPruned(node, child, 0, "critic reply without a score"));
    } else {
      noteNode(ctx, tree.addScored(node, child, delta.getAsDouble()));
    }
    return new Round.Continue();
  }

  /** What a call beyond the total tool-call budget gets instead of a result. */
  static final String TOTAL_REFUSED =
      "ERROR: budget refused: the run's total tool-call budget is spent; this call was not run.";

  private boolean totalBudget() {
    return ratio.pooling() == RemainingRatio.ToolPooling.TOTAL;
  }

  /** Tool units left of the total tool-call budget; unbounded when no tool is capped. */
  private static long totalLeft(Ledger ledger) {
    var s = ledger.snapshot();
    var total = RemainingRatio.totalToolBudget(s);
    if (total.isEmpty()) return Long.MAX_VALUE;
    return Math.max(0, total.getAsLong() - RemainingRatio.toolUnitsUsed(s));
  }

  /**
   * With one total tool-call budget: when it is spent, the cap of the tool that used the most of it
   * (the stop reason names a cap); also when every capped tool is spent on its own.
   */
  private Optional<Cap> totalSpent(Ledger ledger) {
    var s = ledger.snapshot();
    if (RemainingRatio.totalToolBudget(s).isEmpty()) return Optional.empty();
    String most = null;
    long mostUsed = -1;
    boolean anyLeft = false;
    for (Map.Entry<String, Long> e : s.budget().toolUnitCaps().entrySet()) {
      if (e.getValue() == 0) continue;
      long used = s.used().toolUnits().getOrDefault(e.getKey(), 0L);
      if (used > mostUsed) {
        most = e.getKey();
        mostUsed = used;
      }
      if (ledger.headroom(new Cap.ToolUnits(e.getKey())).orElse(1) > 0) anyLeft = true;
    }
    if (most == null) return Optional.empty();
    if (totalLeft(ledger) > 0 && anyLeft) return Optional.empty();
    return Optional.of(new Cap.ToolUnits(most));
  }

  /**
   * A cap (other than tool units) whose headroom is below the mean that one expansion has cost so
   * far in this run, if any: starting another expansion would most likely be cut short or refused
   * half-way, wasting what it spent and the room the forced answer could use.
   */
  static Optional<Cap> unaffordable(Ledger ledger, Spend spent, int expansions) {
    if (expansions == 0) return Optional.empty();
    for (Cap cap : ledger.budget().caps().keySet()) {
      if (cap instanceof Cap.ToolUnits) continue;
      double mean = spent.amount(cap) / (double) expansions;
      if (mean > 0 && ledger.headroom(cap).orElse(Long.MAX_VALUE) < mean) return Optional.of(cap);
    }
    return Optional.empty();
  }

  private ChatRequest generatorRequest(Node<Step> node, List<ToolSpecification> offered) {
    List<ChatMessage> msgs = new ArrayList<>(node.state().conversation());
    if (showAlternatives) {
      for (Node<Step> tried : node.children()) msgs.add(UserMessage.from(alternative(tried)));
    }
    return ChatRequest.builder().messages(msgs).toolSpecifications(offered).build();
  }

  private static String alternative(Node<Step> tried) {
    String verdict;
    if (tried.status() == Status.PRUNED) {
      verdict =
          tried.reason().equals(ValueTree.NO_PROGRESS)
              ? "it did not advance the answer"
              : "it was discarded (" + tried.reason() + ")";
    } else {
      verdict = "it is being followed up separately";
    }
    return "From this point you already tried: "
        + tried.state().label()
        + " - "
        + verdict
        + ". Take a different next step.";
  }

  private static boolean repeated(Node<Step> node, String key) {
    for (Node<Step> n = node; n != null; n = n.parent()) {
      if (key.equals(n.state().key())) return true;
    }
    for (Node<Step> c : node.children()) {
      if (key.equals(c.state().key())) return true;
    }
    return false;
  }

  /** The calls of a step in a canonical form (arguments with sorted keys), to spot repeats. */
  static String key(AiMessage ai) {
    StringJoiner j = new StringJoiner("\n");
    for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
      String args = r.arguments() == null ? "" : r.arguments().strip();
      try {
        args = SORTED.writeValueAsString(SORTED.readValue(args, Object.class));
      } catch (Exception e) {
        // not JSON: compare the text as it is
      }
      j.add(r.name() + " " + args);
    }
    return j.toString();
  }

  private static String label(AiMessage ai) {
    String s = key(ai).replace('\n', ';');
    return s.length() > 240 ? s.substring(0, 240) + "..." : s;
  }

  private static void noteNode(RunContext ctx, Node<Step> n) {
    ctx.note(
        TreeNotes.NODE,
        TreeNotes.json(
            new TreeNotes.NodeNote(
                n.id(),
                n.parent() == null ? -1 : n.parent().id(),
                n.depth(),
                n.value(),
                critiqued(n) ? n.delta() : null,
                n.status().name().toLowerCase(Locale.ROOT),
                n.reason(),
                n.state().label())));
  }

  /** True when the node's delta came from the critic (not set for steps pruned unasked). */
  private static boolean critiqued(Node<Step> n) {
    if (Double.isNaN(n.delta())) return false;
    return n.status() == Status.OPEN
        || (n.status() == Status.PRUNED && n.reason().equals(ValueTree.NO_PROGRESS));
  }

  private static void notePath(
      RunContext ctx,
      ValueTree<Step> tree,
      Node<Step> end,
      String answer,
      boolean forced,
      String why) {
    List<Integer> ids = tree.path(end).stream().map(Node::id).toList();
    ctx.note(TreeNotes.PATH, TreeNotes.json(new TreeNotes.PathNote(ids, answer, forced, why)));
  }

  /**
   * Builds a {@link Bavt}. Every setting has the documented default of the BAVT paper (arXiv
   * 2603.12634) [choice], is checked when set, and may be set once.
   */
  public static final class Builder {
    private final Set<String> set = new HashSet<>();
    private String systemPrompt = Prompts.load("react-system-v1");
    private String criticPrompt = Prompts.load("bavt-critic-v1");
    private String criticInstruction = Prompts.load("bavt-critic-ask-v1");
    private double rootValue = TreeRules.defaults().rootValue();
    private double minValue = TreeRules.defaults().minValue();
    private double minRatio = TreeRules.defaults().minRatio();
    private double pruneAtOrBelow = TreeRules.defaults().pruneAtOrBelow();
    private int maxChildren = TreeRules.defaults().maxChildren();
    private boolean rootStaysSelectable = TreeRules.defaults().rootStaysSelectable();
    private RemainingRatio.ToolPooling toolPooling = RemainingRatio.defaults().pooling();
    private boolean includeUsd = RemainingRatio.defaults().includeUsd();
    private boolean pruneRepeated = true;
    private boolean showAlternatives = true;
    private boolean costGuard = false;
    private RandomSource random = RandomSource.seeded(0);
    private StoppingRule stoppingRule = StoppingRule.ANY_TOOL_SPENT;
    private int criticMaxOutputTokens = DEFAULT_CRITIC_MAX_OUTPUT_TOKENS;

    private Builder() {}

    /**
     * The most output tokens a critique may use, >= 8; default {@value
     * #DEFAULT_CRITIC_MAX_OUTPUT_TOKENS} [choice: the reply is one JSON object with a score].
     */
    public Builder criticMaxOutputTokens(int tokens) {
      once("criticMaxOutputTokens");
      if (tokens < 8) {
        throw new IllegalArgumentException(
            "criticMaxOutputTokens must be >= 8 (a JSON score needs a few tokens), got " + tokens);
      }
      this.criticMaxOutputTokens = tokens;
      return this;
    }

    /**
     * When a spent tool budget ends the search (and forces the answer); default {@link
     * StoppingRule#ANY_TOOL_SPENT}, the rule ReAct and the parallel baseline use [choice,
     * docs/bavt.md: before, BAVT alone went on until every tool was spent].
     */
    public Builder stoppingRule(StoppingRule rule) {
      once("stoppingRule");
      this.stoppingRule = Objects.requireNonNull(rule, "stoppingRule");
      return this;
    }

    /** The generator's system prompt (the ReAct prompt by default). */
    public Builder systemPrompt(String prompt) {
      once("systemPrompt");
      this.systemPrompt = text("systemPrompt", prompt);
      return this;
    }

    /** The critic's system prompt and the request that closes its conversation. */
    public Builder criticPrompts(String system, String instruction) {
      once("criticPrompts");
      this.criticPrompt = text("critic system prompt", system);
      this.criticInstruction = text("critic instruction", instruction);
      return this;
    }

    /** V0, the root's value, in [minValue, 1]; default 0.5 [choice]. */
    public Builder rootValue(double v) {
      once("rootValue");
      TreeRules.checkRootValue(v, minValue);
      this.rootValue = v;
      return this;
    }

    /** The floor of every value, in (0, 1); default 1e-6 [choice]. */
    public Builder minValue(double v) {
      once("minValue");
      TreeRules.checkMinValue(v);
      TreeRules.checkRootValue(rootValue, v);
      this.minValue = v;
      return this;
    }

    /** The floor of the remaining ratio r, in (0, 1]; default 1e-3 [choice]. */
    public Builder minRatio(double v) {
      once("minRatio");
      TreeRules.checkMinRatio(v);
      this.minRatio = v;
      return this;
    }

    /** Children whose critic delta is at most this are pruned, in [-1, 1); default 0 [choice]. */
    public Builder pruneAtOrBelow(double v) {
      once("pruneAtOrBelow");
      TreeRules.checkPruneAtOrBelow(v);
      this.pruneAtOrBelow = v;
      return this;
    }

    /** Children per node before it leaves the frontier, >= 1; default unbounded [choice]. */
    public Builder maxChildren(int n) {
      once("maxChildren");
      TreeRules.checkMaxChildren(n);
      this.maxChildren = n;
      return this;
    }

    /**
     * Whether the root stays selectable after it has a kept child; default false [choice, issue
     * 16]: see {@link TreeRules#rootStaysSelectable()}.
     */
    public Builder rootStaysSelectable(boolean on) {
      once("rootStaysSelectable");
      this.rootStaysSelectable = on;
      return this;
    }

    /**
     * How tool caps combine into r and when the search stops; default {@link
     * RemainingRatio.ToolPooling#TOTAL}, one total tool-call budget (the paper's shape); {@code
     * POOLED} or {@code MIN_OVER_TOOLS} is the per-tool form, stopped by the {@link #stoppingRule}.
     */
    public Builder toolPooling(RemainingRatio.ToolPooling pooling) {
      once("toolPooling");
      this.toolPooling = Objects.requireNonNull(pooling, "toolPooling");
      return this;
    }

    /** Whether a dollar cap also counts in r; default false [choice]. */
    public Builder includeUsd(boolean on) {
      once("includeUsd");
      this.includeUsd = on;
      return this;
    }

    /** Whether a step that repeats a call on its path or a sibling is pruned; default true. */
    public Builder pruneRepeated(boolean on) {
      once("pruneRepeated");
      this.pruneRepeated = on;
      return this;
    }

    /** Whether a re-expanded node's generator sees the steps tried from it; default true. */
    public Builder showAlternatives(boolean on) {
      once("showAlternatives");
      this.showAlternatives = on;
      return this;
    }

    /**
     * Whether the search stops (and forces its answer) when a token, dollar or call cap has less
     * headroom than the mean cost of one expansion so far, instead of starting an expansion that
     * would be cut short; default false [choice, beyond the paper].
     */
    public Builder expansionCostGuard(boolean on) {
      once("expansionCostGuard");
      this.costGuard = on;
      return this;
    }

    /** Selection draws from {@link RandomSource#seeded(long) seeded(seed)}; default seed 0. */
    public Builder seed(long seed) {
      once("random");
      this.random = RandomSource.seeded(seed);
      return this;
    }

    /** Where selection draws come from (instead of {@link #seed}). */
    public Builder randomSource(RandomSource source) {
      once("random");
      this.random = Objects.requireNonNull(source, "randomSource");
      return this;
    }

    /** Builds the strategy, checking the settings together. */
    public Bavt build() {
      return new Bavt(this);
    }

    private void once(String setting) {
      if (!set.add(setting)) {
        throw new IllegalStateException(setting + " was already set");
      }
    }

    private static String text(String setting, String v) {
      if (v == null || v.isBlank())
        throw new IllegalArgumentException(setting + " must not be blank");
      return v;
    }
  }

  @Override
  public String toString() {
    return "Bavt" + Map.of("rules", rules, "ratio", ratio);
  }
}
