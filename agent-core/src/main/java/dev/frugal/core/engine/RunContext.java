package dev.frugal.core.engine;

import dev.frugal.core.AgentBuilder;
import dev.frugal.core.Cancellation;
import dev.frugal.core.CancelledException;
import dev.frugal.core.ModelFailureException;
import dev.frugal.core.ModelSelection;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunActivity;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.intercept.ModelCall;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a {@link dev.frugal.core.Strategy} may do in one run, each call metered against the
 * budget.
 *
 * <p><b>Model calls</b> ({@link #chat}) pass through the selector (which model), the user's
 * interceptors, the retry policy and finally the metering link: estimate, reserve, call, settle
 * with the reported usage; a failed call releases its reservation. The request's {@code
 * maxOutputTokens} is lowered, when needed, to what the remaining budget can pay for, so the
 * provider itself cannot overrun an output-token, total-token or dollar cap.
 *
 * <p><b>Tool calls</b> ({@link #callTool}) are validated against the tool's schema, checked for
 * repetition (an identical call in this run is answered from the earlier result, not re-run and not
 * charged), passed through the tool interceptors and metered: the units are reserved before the
 * tool runs, settled when it succeeds and released when it fails. Nothing about a tool call throws:
 * every problem comes back as text the model can read.
 *
 * <p><b>Final answers.</b> The strategy works in a ledger that leaves a reserve (by default 10% of
 * every token and dollar cap, and one call of each capped model) untouched, so that {@link
 * #forceAnswer} can still ask for an answer once the working budget is spent.
 */
public final class RunContext {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunContext.class);
  private static final String FORCE_PROMPT =
      "Your budget is used up: you cannot call tools any more. Give your best final answer now,"
          + " from what you have found, as <answer>ANSWER</answer>. If you cannot answer, reply"
          + " <answer>None</answer>.";

  private final String runId;
  private final String question;
  private final Ledger root;
  private final Ledger working;
  private final RunSettings agent;
  private final Cancellation cancellation;
  private final java.util.function.Consumer<RunEvent> emit;
  private final AtomicInteger step = new AtomicInteger();
  // where this run's inline calls keep their deadlines (null when calls are isolated); closed by
  // endCalls() when the run ends
  private final Deadlines.Lane lane;

  private final ToolCalls toolCalls;
  private final ModelCalls modelCalls;
  private volatile RunActivity activity = RunActivity.NONE;
  // step signals (word digests of results and queries) only serve a selector that has models to
  // choose between; with one model they would cost every tool call for nothing (docs/router.md)
  private final boolean keepSignals;
  private final AtomicInteger scopes = new AtomicInteger();
  // The scopes open on each thread, innermost last (a scope belongs to the thread that opened it).
  private final ThreadLocal<java.util.Deque<Integer>> openScopes =
      ThreadLocal.withInitial(java.util.ArrayDeque::new);
  // set by the agent before the strategy starts: a streamed run's handler, a conversation's turns
  private volatile dev.frugal.core.stream.RunStreamHandler streamHandler;
  private volatile List<ChatMessage> history = List.of();

  /** One run's context; made by the agent for each run. */
  public RunContext(
      String runId,
      String question,
      Ledger root,
      Ledger working,
      RunSettings agent,
      Cancellation cancellation,
      java.util.function.Consumer<RunEvent> emit) {
    this.runId = runId;
    this.question = question;
    this.root = root;
    this.working = working;
    this.agent = agent;
    this.cancellation = cancellation;
    this.emit = emit;
    this.lane = agent.isolateCalls() ? null : Deadlines.Lane.open();
    this.keepSignals = agent.selector().models().size() > 1;
    this.toolCalls = new ToolCalls(this, agent, cancellation, emit, lane);
    this.modelCalls = new ModelCalls(this, agent, cancellation, emit, lane);
  }

  /** Set by the agent before the strategy starts: streams answer tokens and tool starts. */
  public void streamTo(dev.frugal.core.stream.RunStreamHandler handler) {
    this.streamHandler = handler;
  }

  /** Set by the agent before the strategy starts: the conversation's earlier exchange. */
  public void history(List<ChatMessage> messages) {
    this.history = List.copyOf(messages);
  }

  /**
   * The earlier turns of the conversation this run belongs to ({@link
   * dev.frugal.core.Conversation}), oldest first, without system messages: what a strategy puts
   * between its system prompt and the question. Empty for a run on its own.
   */
  public List<ChatMessage> history() {
    return history;
  }

  /** The run has ended: its calls' deadlines stop using its lane. */
  public void endCalls() {
    if (lane != null) lane.close();
  }

  /** The id of this run. */
  public String runId() {
    return runId;
  }

  /** The question of this run. */
  public String question() {
    return question;
  }

  /** The ledger strategies spend from: the run's budget minus the final-answer reserve. */
  public Ledger ledger() {
    return working;
  }

  /** The caps of the whole run, as the caller set them (without taking a snapshot). */
  public Budget budget() {
    return root.budget();
  }

  /** The whole run budget and its spending, as the Budget Tracker reports it. */
  public LedgerSnapshot budgetView() {
    return root.snapshot();
  }

  /** The agent's tools. */
  public ToolRegistry tools() {
    return agent.tools();
  }

  /** The Budget Tracker, when it is on. */
  public Optional<BudgetTracker> tracker() {
    return agent.tracker();
  }

  /**
   * The agent's executor for parallel branches (see {@link AgentBuilder#executor}); empty when
   * branches run one after another on this run's thread.
   */
  public Optional<java.util.concurrent.Executor> executor() {
    return agent.executor();
  }

  /** The most steps this run may take. */
  public int maxSteps() {
    return agent.maxSteps();
  }

  /** Steps begun so far. */
  public int steps() {
    return step.get();
  }

  /** Begins the next step and returns its 1-based index. */
  public int nextStep() {
    return step.incrementAndGet();
  }

  /**
   * Begins the next step if the step limit leaves one and returns its 1-based index, or 0 when
   * {@link #maxSteps()} steps have begun. Check and increment are one atomic action, so loops
   * running at once (parallel samples) cannot together begin more steps than the limit, as a check
   * of {@link #steps()} followed by {@link #nextStep()} could.
   */
  public int tryNextStep() {
    int max = maxSteps();
    int before = step.getAndUpdate(s -> s < max ? s + 1 : s);
    return before < max ? before + 1 : 0;
  }

  /** True once the caller cancelled the run. */
  public boolean cancelled() {
    return cancellation.isCancelled() || Thread.currentThread().isInterrupted();
  }

  /** The Budget Tracker's system-prompt section, or an empty string when the tracker is off. */
  public String trackerPromptSection() {
    return trackerPromptSection(working);
  }

  /** The tracker's section for work paid from {@code ledger} (see {@link #budgetView(Ledger)}). */
  public String trackerPromptSection(Ledger ledger) {
    return tracker().map(t -> agent.trackerSection(t, budgetView(ledger))).orElse("");
  }

  /** The tracker's status block, or an empty string when the tracker is off. */
  public String statusBlock() {
    return statusBlock(working);
  }

  /** The tracker's status block for work paid from {@code ledger}. */
  public String statusBlock(Ledger ledger) {
    return tracker().map(t -> t.statusBlock(budgetView(ledger), this::unitLabel)).orElse("");
  }

  /**
   * The budget the model should be shown for work paid from {@code ledger}: the ledger's own caps
   * when it caps tools (a sample with its share of the budget), else the run's whole budget.
   */
  public LedgerSnapshot budgetView(Ledger ledger) {
    return ledger == working || ledger.budget().toolUnitCaps().isEmpty()
        ? root.snapshot()
        : ledger.snapshot();
  }

  /**
   * The specifications of the tools a model is offered: every tool of the registry except those the
   * run's budget caps at 0 units (switched off). A switched-off tool is not shown to the model, so
   * it cannot waste a step on a call that would be refused (docs/architecture.md). The list is
   * read-only.
   */
  public List<dev.langchain4j.agent.tool.ToolSpecification> offeredTools() {
    return agent.offeredTools(); // the run's budget is the agent's: the same list for every run
  }

  /** What one unit of {@code tool} is called in the tracker's texts. */
  public String unitLabel(String tool) {
    return agent.unitLabel(tool);
  }

  /** Adds a note to the trace (an attempt began, a verifier decided, ...). */
  public void note(String kind, String text) {
    synchronized (this) {
      activity = activity.withNote(kind, text);
    }
    emit.accept(new RunEvent.Note(runId, step.get(), kind, text));
  }

  /**
   * Opens a scope (a sample, an attempt, ...) inside the scope this thread has open, if any; calls
   * made on this thread until it is closed belong to it in the trace.
   *
   * @param kind what the scope is, e.g. {@code sample}
   * @param label a short name, e.g. {@code sample 2 of 3}
   */
  public RunScope scope(String kind, String label) {
    Integer current = openScopes.get().peekLast();
    return scope(kind, label, current == null ? 0 : current);
  }

  /**
   * Opens a scope under the scope {@code parent} (0: the run itself), for work that continues a
   * scope already closed, such as the expansion of a tree node created by an earlier expansion.
   */
  public RunScope scope(String kind, String label, int parent) {
    int id = scopes.incrementAndGet();
    java.util.Deque<Integer> open = openScopes.get();
    open.addLast(id);
    emit.accept(new RunEvent.ScopeOpened(runId, step.get(), id, parent, kind, label));
    return new RunScope(
        id,
        () -> {
          open.removeLastOccurrence(id);
          emit.accept(new RunEvent.ScopeClosed(runId, step.get(), id));
        });
  }

  /** The handler of a streamed run, or null. */
  dev.frugal.core.stream.RunStreamHandler streamHandler() {
    return streamHandler;
  }

  /**
   * Records one tool call's outcome in the run's activity; with more than one model, its arguments
   * and result text also feed the step signals.
   */
  void recordTool(ToolOutcome.Status status, String tool, String arguments, String text) {
    synchronized (this) {
      activity =
          keepSignals
              ? activity.with(status, tool, arguments, text)
              : activity.with(status, text == null ? 0 : text.length());
    }
  }

  /** What the run's tool calls did so far, and its latest note (what a model selector sees). */
  public RunActivity activity() {
    return activity;
  }

  /**
   * Calls a model, chosen by the agent's selector, charged to the working ledger.
   *
   * @throws BudgetExceededException when the ledger cannot pay for the call (nothing was spent)
   * @throws ModelFailureException when the call failed for good
   * @throws CancelledException when the run was cancelled
   */
  public ChatResponse chat(String purpose, ChatRequest request) {
    return chat(purpose, request, working);
  }

  /** Like {@link #chat(String, ChatRequest)}, charged to {@code ledger} (a child of the run's). */
  public ChatResponse chat(String purpose, ChatRequest request, Ledger ledger) {
    if (cancelled()) throw new CancelledException();
    NamedModel m =
        agent
            .selector()
            .select(
                new ModelSelection(
                    runId,
                    question,
                    step.get(),
                    purpose,
                    root::snapshot,
                    activity,
                    model -> modelCalls.affordable(model, request, ledger, agent.minOutputTokens()),
                    model ->
                        modelCalls.affordable(
                            model, request, ledger, modelCalls.outputAllowance(request))));
    ModelCall call = new ModelCall(runId, step.get(), purpose, m.name(), m.model(), request);
    return modelCalls.call(call, ledger);
  }

  /**
   * The most output tokens a call asks for when its request does not say ({@code
   * AgentBuilder.maxOutputTokens}); metering lowers it to what the budget can pay for. A strategy
   * that puts it in its requests saves the engine a copy of each request whose allowance the budget
   * does not need to lower.
   */
  public int maxOutputTokens() {
    return agent.maxOutputTokens();
  }

  /**
   * Asks for a final answer without tools, from the reserve kept for it. Tries the given
   * conversation, then a compact one (system prompt, question, latest tool result) if the full one
   * does not fit. Returns empty when even that cannot be paid for or the model fails.
   */
  public Optional<String> forceAnswer(List<ChatMessage> conversation) {
    return forceAnswer(conversation, root);
  }

  /**
   * Like {@link #forceAnswer(List)}, paid from {@code ledger} (e.g. one sample's own ledger)
   * instead of the run's reserve.
   */
  public Optional<String> forceAnswer(List<ChatMessage> conversation, Ledger ledger) {
    List<ChatMessage> full = new ArrayList<>(conversation);
    full.add(UserMessage.from(FORCE_PROMPT));
    for (List<ChatMessage> msgs : List.of(full, compact(conversation))) {
      try {
        ChatResponse r = chat("final", ChatRequest.builder().messages(msgs).build(), ledger);
        Optional<String> answer = Answers.extract(r.aiMessage().text());
        // a forced answer may be only a proposal (a BATS attempt, one sample): the run's own
        // answer is traced once, by the agent, when the strategy has chosen it
        note("forced-answer", answer.orElse("(none)"));
        return answer;
      } catch (BudgetExceededException e) {
        emit.accept(
            new RunEvent.Refused(
                runId, step.get(), "final answer", e.cap().describe(), e.getMessage()));
      } catch (ModelFailureException | CancelledException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private List<ChatMessage> compact(List<ChatMessage> conversation) {
    List<ChatMessage> out = new ArrayList<>();
    conversation.stream().filter(SystemMessage.class::isInstance).findFirst().ifPresent(out::add);
    StringBuilder sb = new StringBuilder("Question: ").append(question);
    for (int i = conversation.size() - 1; i >= 0; i--) {
      if (conversation.get(i) instanceof ToolExecutionResultMessage t) {
        String text = t.text();
        sb.append("\n\nLatest tool result:\n")
            .append(text.length() > 2000 ? text.substring(0, 2000) + " [...]" : text);
        break;
      }
    }
    sb.append("\n\n").append(FORCE_PROMPT);
    out.add(UserMessage.from(sb.toString()));
    return out;
  }

  /** The outcome of one tool call, as text for the model. */
  public record ToolOutcome(String text, Status status, Optional<Cap> refusedBy) {
    /** How the call went. */
    public enum Status {
      /** The tool ran and succeeded. */
      OK,
      /** The tool failed or its arguments were invalid. */
      ERROR,
      /** An identical earlier call answered it; not run, not charged. */
      REPEATED,
      /** The budget refused the call; not run, not charged. */
      REFUSED
    }
  }

  /** Runs a tool call requested by the model, charged to the working ledger; never throws. */
  public ToolOutcome callTool(ToolExecutionRequest request) {
    return callTool(request, working);
  }

  /**
   * Like {@link #callTool(ToolExecutionRequest)}, charged to {@code ledger}. Safe to call from
   * several threads at once: each call reserves before its tool runs, so concurrent calls cannot
   * together overspend. Only calls that have ended are remembered as repeats, so two identical
   * calls that overlap in time both run and are both charged; the strategies run a turn's repeated
   * call after the first has ended, so that it is answered from it as in a sequential run.
   */
  public ToolOutcome callTool(ToolExecutionRequest request, Ledger ledger) {
    return toolCalls.call(request, ledger);
  }
}
