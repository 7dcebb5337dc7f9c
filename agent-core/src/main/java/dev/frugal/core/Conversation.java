package dev.frugal.core;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.budget.Money;
import dev.frugal.core.stream.RunStreamHandler;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import java.util.List;
import java.util.Map;

/**
 * Questions asked one after another of one agent, each turn seeing the earlier exchange and all of
 * them paid from one budget ({@link Agent#conversation}).
 *
 * <pre>{@code
 * Conversation chat = agent.conversation(Budget.builder().usd(0.05).build());
 * chat.ask("Who played Corliss Archer in Kiss and Tell?");
 * RunResult r = chat.ask("When was she born?");   // sees the first question and its answer
 * chat.left();                                    // what the conversation has left
 * }</pre>
 *
 * <p><b>One budget.</b> Every turn is a run whose ledger is a child of the conversation's: what a
 * turn spends counts against the conversation's caps, and a turn's caps are what the conversation
 * has left when it starts, so the Budget Tracker shows the model the conversation's remaining
 * budget (the final-answer reserve is kept back from that, as in a run on its own). A turn that
 * overshoots a cap freezes the conversation: later turns are refused before they spend. The agent's
 * own per-run budget does not apply to the turns.
 *
 * <p><b>Memory.</b> After each turn its question and, when there is one, its answer are added to
 * the {@link ChatMemory} (tool calls and results are not kept); strategies that read {@link
 * dev.frugal.core.engine.RunContext#history()}, such as ReAct, put the memory's messages between
 * their system prompt and the new question. A window or token-bounded memory decides what is
 * forgotten.
 *
 * <p>Turns run one at a time: {@link #ask} holds the conversation until its turn has ended.
 */
public final class Conversation implements AutoCloseable {
  private final Agent agent;
  private final Ledger ledger;
  private final ChatMemory memory;
  private int turns;

  Conversation(Agent agent, Ledger ledger, ChatMemory memory) {
    this.agent = agent;
    this.ledger = ledger;
    this.memory = memory;
  }

  /** Asks the next question, paid from what the conversation has left. */
  public RunResult ask(String question) {
    return ask(question, null);
  }

  /**
   * Asks the next question as a streamed run ({@link Agent#runStreaming}): {@code handler} gets the
   * answer's tokens, the step events and the result.
   */
  public RunResult askStreaming(String question, RunStreamHandler handler) {
    return askStreaming(question, handler, new Cancellation());
  }

  /**
   * {@link #askStreaming(String, RunStreamHandler)} that {@code cancellation} can stop from another
   * thread, as when the reader of the stream has gone away: the turn makes no call after {@link
   * Cancellation#cancel()} and ends with {@link StopReason.Cancelled}; what it spent stays spent.
   */
  public RunResult askStreaming(
      String question, RunStreamHandler handler, Cancellation cancellation) {
    java.util.Objects.requireNonNull(handler, "handler");
    java.util.Objects.requireNonNull(cancellation, "cancellation");
    return ask(question, handler, cancellation);
  }

  private RunResult ask(String question, RunStreamHandler handler) {
    return ask(question, handler, new Cancellation());
  }

  private synchronized RunResult ask(
      String question, RunStreamHandler handler, Cancellation cancellation) {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("question must not be blank");
    }
    if (ledger.isClosed()) {
      throw new IllegalStateException("this conversation is closed; start another one");
    }
    List<ChatMessage> history =
        memory.messages().stream().filter(m -> !(m instanceof SystemMessage)).toList();
    RunResult r =
        agent.turn(question, ledger, left(ledger.snapshot()), history, handler, cancellation);
    memory.add(UserMessage.from(question));
    r.answer().ifPresent(a -> memory.add(AiMessage.from(a)));
    turns++;
    return r;
  }

  /** The caps a turn starting now may spend: the conversation's, less what earlier turns spent. */
  private static Budget left(LedgerSnapshot s) {
    Budget.Builder b = Budget.builder();
    for (Map.Entry<Cap, Long> e : s.remainingByCap().entrySet()) {
      long v = Math.max(0, e.getValue());
      Cap c = e.getKey();
      if (c instanceof Cap.ToolUnits t) b.toolUnits(t.tool(), v);
      else if (c instanceof Cap.ModelCalls m) b.modelCalls(m.model(), v);
      else if (c instanceof Cap.InputTokens) b.inputTokens(v);
      else if (c instanceof Cap.OutputTokens) b.outputTokens(v);
      else if (c instanceof Cap.TotalTokens) b.totalTokens(v);
      else b.usd(Money.usd(v));
    }
    return b.build();
  }

  /** The conversation's budget and what its turns have spent so far. */
  public LedgerSnapshot left() {
    return ledger.snapshot();
  }

  /** The memory of the exchange so far. */
  public ChatMemory memory() {
    return memory;
  }

  /** How many questions were asked. */
  public synchronized int turns() {
    return turns;
  }

  /**
   * Ends the conversation; later questions are refused. What was spent stays in {@link #left()}.
   */
  @Override
  public void close() {
    ledger.close();
  }
}
