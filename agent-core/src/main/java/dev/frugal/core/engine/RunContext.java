package dev.frugal.core.engine;

import dev.frugal.core.Agent;
import dev.frugal.core.Cancellation;
import dev.frugal.core.CancelledException;
import dev.frugal.core.ModelFailureException;
import dev.frugal.core.ModelSelection;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunActivity;
import dev.frugal.core.TokenCounter;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetStoreUnavailableException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Reservation;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.intercept.ModelCall;
import dev.frugal.core.intercept.ModelInterceptor;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.core.tracker.BudgetTracker;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
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

  /** Token counts of this run's messages and tool specifications, by counter and identity. */
  private final Map<TokenCounter, TokenEstimate.Memo> tokenMemo = new ConcurrentHashMap<>();

  private volatile Memo firstMemo;

  private final ToolCalls toolCalls;
  private final Random jitter;
  private volatile RunActivity activity = RunActivity.NONE;
  private final AtomicInteger scopes = new AtomicInteger();
  // The scopes open on each thread, innermost last (a scope belongs to the thread that opened it).
  private final ThreadLocal<java.util.Deque<Integer>> openScopes =
      ThreadLocal.withInitial(java.util.ArrayDeque::new);

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
    this.jitter = new Random(runId.hashCode());
    this.lane = agent.isolateCalls() ? null : Deadlines.Lane.open();
    this.toolCalls = new ToolCalls(this, agent, cancellation, emit, lane);
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
   * The agent's executor for parallel branches (see {@link Agent.Builder#executor}); empty when
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
   * it cannot waste a step on a call that would be refused (issue 16). The list is read-only.
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

  /** Records one tool call's outcome, with its arguments and result text, in the run's activity. */
  void recordTool(ToolOutcome.Status status, String tool, String arguments, String text) {
    synchronized (this) {
      activity = activity.with(status, tool, arguments, text);
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
                    model -> affordable(model, request, ledger, agent.minOutputTokens()),
                    model -> affordable(model, request, ledger, outputAllowance(request))));
    ModelCall call = new ModelCall(runId, step.get(), purpose, m.name(), m.model(), request);
    return new ModelChainLink(0, ledger).proceed(call);
  }

  /**
   * Whether {@code ledger} can pay for a call to {@code model} with the request's estimated input
   * and {@code outputTokens} of output.
   */
  private boolean affordable(String model, ChatRequest request, Ledger ledger, int outputTokens) {
    Spend least =
        Spend.modelCall(
            model,
            inputEstimate(request, agent.tokenCounter(model)),
            0,
            outputTokens,
            agent.prices());
    return ledger.wouldExceed(least).isEmpty();
  }

  /**
   * The most output tokens a call asks for when its request does not say ({@code
   * Agent.Builder.maxOutputTokens}); metering lowers it to what the budget can pay for. A strategy
   * that puts it in its requests saves the engine a copy of each request whose allowance the budget
   * does not need to lower.
   */
  public int maxOutputTokens() {
    return agent.maxOutputTokens();
  }

  /** The output tokens a request asks for: its own maxOutputTokens, else the agent's default. */
  private int outputAllowance(ChatRequest request) {
    return request.maxOutputTokens() != null ? request.maxOutputTokens() : agent.maxOutputTokens();
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

  private final class ModelChainLink implements ModelInterceptor.Chain {
    private final int index;
    private final Ledger ledger;
    private ModelCall current;

    ModelChainLink(int index, Ledger ledger) {
      this.index = index;
      this.ledger = ledger;
    }

    @Override
    public ModelCall call() {
      return current;
    }

    @Override
    public ChatResponse proceed(ModelCall call) {
      current = call;
      List<ModelInterceptor> chain = agent.modelInterceptors();
      if (index < chain.size()) {
        ModelChainLink next = new ModelChainLink(index + 1, ledger);
        next.current = call;
        return chain.get(index).intercept(next);
      }
      return withRetries(call, ledger);
    }
  }

  private ChatResponse withRetries(ModelCall call, Ledger ledger) {
    RetryPolicy policy = agent.retryPolicy();
    long deadline = System.nanoTime() + agent.modelTimeout().toNanos(); // the whole call
    for (int attempt = 1; ; attempt++) {
      if (cancelled()) throw new CancelledException();
      try {
        return meterModel(call, ledger, attempt, deadline);
      } catch (BudgetExceededException e) {
        emit.accept(
            new RunEvent.Refused(
                runId, call.step(), "model " + call.model(), e.cap().describe(), e.getMessage()));
        throw e;
      } catch (BudgetStoreUnavailableException e) {
        throw e; // fails closed: not a model failure, never retried here
      } catch (CancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        boolean retriable =
            attempt < policy.maxAttempts()
                && RetryPolicy.isRetriable(e)
                && !(e instanceof ModelTimeoutException);
        Duration wait = retriable ? policy.backoff(attempt, jitter) : Duration.ZERO;
        boolean inTime = System.nanoTime() + wait.toNanos() < deadline;
        boolean retry = retriable && inTime;
        String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (retriable && !inTime) {
          msg +=
              " (not retried: the next attempt would start after the model timeout of "
                  + Durations.describe(agent.modelTimeout())
                  + ")";
        }
        emit.accept(
            new RunEvent.ModelFailed(runId, call.step(), call.model(), attempt, msg, retry));
        if (!retry) {
          throw new ModelFailureException(
              "model '"
                  + call.model()
                  + "' failed after "
                  + attempt
                  + " attempt"
                  + (attempt == 1 ? "" : "s")
                  + ": "
                  + msg,
              e);
        }
        try {
          agent.sleeper().sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new CancelledException();
        }
      }
    }
  }

  private ChatResponse meterModel(ModelCall call, Ledger ledger, int attempt, long deadline) {
    PriceTable prices = agent.prices();
    ChatRequest req = call.request();
    TokenCounter counter = agent.tokenCounter(call.model());
    long inEst = inputEstimate(req, counter);
    int wanted = outputAllowance(req);
    long room = outputRoom(ledger, call.model(), inEst, prices);
    int maxOut = (int) Math.min(wanted, room);
    if (maxOut < agent.minOutputTokens()) {
      maxOut = wanted; // cannot fit: let the ledger refuse with the cap that is short
    }
    Spend estimate = Spend.modelCall(call.model(), inEst, 0, maxOut, prices);
    Reservation r = ledger.reserve(estimate);
    ChatRequest sent =
        req.maxOutputTokens() != null && req.maxOutputTokens() == maxOut
            ? req
            : ChatRequest.builder()
                .messages(req.messages())
                .parameters(
                    req.parameters()
                        .overrideWith(
                            ChatRequestParameters.builder().maxOutputTokens(maxOut).build()))
                .build();
    long t0 = System.nanoTime();
    ChatResponse resp;
    BoundedCall<ChatResponse> running =
        BoundedCall.start(() -> call.chatModel().chat(sent), agent.isolateCalls(), lane);
    Runnable unhook = cancellation.whileRunning(running::abandon);
    try {
      resp = running.await(deadline - t0);
    } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
      running.abandon();
      int maxOutSent = maxOut;
      // the provider may still reply (and bill): charged its estimate now, settled lower only if
      // its usage arrives when the call really ends
      r.abandon();
      running.whenDone((late, failure) -> settleLate(r, late, estimate, call.model(), maxOutSent));
      if (e instanceof InterruptedException || cancellation.isCancelled()) {
        if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        throw new CancelledException();
      }
      throw new ModelTimeoutException(
          "no complete reply within the model timeout of "
              + Durations.describe(agent.modelTimeout())
              + " (Agent.Builder.modelTimeout, --model-timeout); the call was abandoned");
    } catch (BoundedCall.Failed e) {
      Throwable cause = e.getCause();
      if (sentBeforeFailing(cause)) {
        r.abandon(); // the provider got the request and may bill it: charged its estimate
      } else {
        r.release();
      }
      if (cancellation.isCancelled()) throw new CancelledException();
      if (cause instanceof RuntimeException re) throw re;
      if (cause instanceof Error err) throw err;
      throw new IllegalStateException(cause);
    } finally {
      unhook.run();
    }
    long millis = Duration.ofNanos(System.nanoTime() - t0).toMillis();
    TokenUsage u = resp.tokenUsage();
    Spend actual;
    if (u == null || u.inputTokenCount() == null || u.outputTokenCount() == null) {
      LOG.warn("model '{}' reported no token usage; charging the estimate", call.model());
      actual = estimate;
    } else {
      long cached = TokenEstimate.cachedInput(u);
      String problem = ReportedUsage.problem(u.inputTokenCount(), cached, u.outputTokenCount());
      if (problem != null) {
        // the call happened: charge what was reserved for it, never a credit, and stop
        r.settle(estimate);
        emitCalled(call, estimate, millis, attempt, responseModelOf(resp));
        throw new ReportedUsage.Invalid(
            "the provider reported impossible usage: "
                + problem
                + "; the call was charged its reserved estimate ($"
                + String.format(java.util.Locale.ROOT, "%.6f", estimate.usd())
                + ") instead");
      }
      if (u.outputTokenCount() > maxOut) {
        LOG.warn(
            "model '{}' billed {} output tokens although max_tokens was {}; charging them",
            call.model(),
            u.outputTokenCount(),
            maxOut);
      }
      actual =
          Spend.modelCall(call.model(), u.inputTokenCount(), cached, u.outputTokenCount(), prices);
    }
    r.settle(actual);
    emitCalled(call, actual, millis, attempt, responseModelOf(resp));
    return resp;
  }

  private void emitCalled(
      ModelCall call, Spend actual, long millis, int attempt, String responseModel) {
    emit.accept(
        new RunEvent.ModelCalled(
            runId,
            call.step(),
            call.purpose(),
            call.model(),
            actual.inputTokens(),
            actual.cachedInputTokens(),
            actual.outputTokens(),
            actual.usd(),
            millis,
            attempt,
            responseModel));
  }

  /** The model the provider said answered, or null when it did not say. */
  private static String responseModelOf(ChatResponse resp) {
    return resp.metadata() == null ? null : resp.metadata().modelName();
  }

  /**
   * Whether a failed call had reached the provider, which may then bill it: its reply timed out
   * while being read, or came back (HTTP 200) but could not be parsed. A call refused before it was
   * sent (no connection, an HTTP error status) is not billed.
   */
  static boolean sentBeforeFailing(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.http.HttpConnectTimeoutException
          || t instanceof java.net.ConnectException
          || t instanceof java.net.UnknownHostException) {
        return false;
      }
      if (t instanceof java.net.SocketTimeoutException
          || t instanceof java.net.http.HttpTimeoutException
          || t instanceof com.fasterxml.jackson.core.JacksonException) {
        return true;
      }
      if (t.getCause() == t) break;
    }
    return false;
  }

  /** Books a model call that ended after the run stopped waiting for it. */
  private void settleLate(
      Reservation r, ChatResponse late, Spend estimate, String model, int maxOut) {
    TokenUsage u = late == null ? null : late.tokenUsage();
    if (late == null) {
      r.release();
    } else if (u == null || u.inputTokenCount() == null || u.outputTokenCount() == null) {
      r.settle(estimate);
    } else {
      long cached = TokenEstimate.cachedInput(u);
      boolean valid =
          ReportedUsage.problem(u.inputTokenCount(), cached, u.outputTokenCount()) == null;
      r.settle(
          valid
              ? Spend.modelCall(
                  model, u.inputTokenCount(), cached, u.outputTokenCount(), agent.prices())
              : estimate);
    }
    LOG.debug("model '{}' ended after it was abandoned (max_tokens {})", model, maxOut);
  }

  private long inputEstimate(ChatRequest req, TokenCounter counter) {
    return TokenEstimate.input(
        req,
        counter,
        memoFor(counter),
        agent.specificationTokens(counter),
        agent.systemTexts(counter));
  }

  private TokenEstimate.Memo memoFor(TokenCounter counter) {
    Memo first = firstMemo; // most runs count with one counter only: no map for it
    if (first != null && first.counter.equals(counter)) return first.counts;
    if (first == null) {
      synchronized (tokenMemo) {
        if (firstMemo == null) firstMemo = new Memo(counter, new TokenEstimate.Memo());
        first = firstMemo;
      }
      if (first.counter.equals(counter)) return first.counts;
    }
    return tokenMemo.computeIfAbsent(counter, c -> new TokenEstimate.Memo());
  }

  /** One counter's token memo. */
  private record Memo(TokenCounter counter, TokenEstimate.Memo counts) {}

  /** The most output tokens the budget can pay for after {@code inEst} input tokens. */
  private static long outputRoom(Ledger ledger, String model, long inEst, PriceTable prices) {
    long room = Long.MAX_VALUE;
    OptionalLong out = ledger.headroom(new Cap.OutputTokens());
    if (out.isPresent()) room = Math.min(room, out.getAsLong());
    OptionalLong total = ledger.headroom(new Cap.TotalTokens());
    if (total.isPresent()) room = Math.min(room, total.getAsLong() - inEst);
    OptionalLong usd = ledger.headroom(new Cap.Usd());
    if (usd.isPresent()) {
      ModelPrice p = prices.model(model);
      long left = usd.getAsLong() - p.picos(inEst, 0, 0);
      long perToken = p.picos(0, 0, 1);
      if (perToken > 0) room = Math.min(room, left / perToken);
    }
    return Math.max(0, room);
  }
}
