package dev.frugal.core;

import dev.frugal.core.engine.RunContext;
import java.util.List;
import java.util.Optional;

/**
 * What a run has done so far apart from spending (which the ledger snapshot tells): how its tool
 * calls went and the last strategy note (e.g. a verifier's decision). A per-step model selector
 * such as the router reads it from {@link ModelSelection#activity()}; it holds no tool result text,
 * only a digest of its words ({@link StepSignals}).
 *
 * @param toolCalls tool calls answered so far, whatever their outcome
 * @param ok calls that ran and returned a result
 * @param errors calls rejected (bad arguments, unknown tool) or failed
 * @param repeats calls identical to an earlier one, answered from it without running
 * @param refusals calls the budget refused
 * @param recent the outcomes of the latest calls, oldest first (at most {@link #RECENT})
 * @param lastResultChars characters of the latest result text (0 when none)
 * @param lastNote the latest {@link RunContext#note} of the run, if any
 * @param signals what the results and queries contained, as word sets; kept only when the agent has
 *     more than one model for its selector to choose between, {@link StepSignals#NONE} otherwise
 */
public record RunActivity(
    int toolCalls,
    int ok,
    int errors,
    int repeats,
    int refusals,
    List<RunContext.ToolOutcome.Status> recent,
    int lastResultChars,
    Optional<Note> lastNote,
    StepSignals signals) {

  /** How many recent outcomes are kept. */
  public static final int RECENT = 5;

  /** Nothing happened yet. */
  public static final RunActivity NONE =
      new RunActivity(0, 0, 0, 0, 0, List.of(), 0, Optional.empty(), StepSignals.NONE);

  /** Copies the list; the note and signals must be present (possibly empty). */
  public RunActivity {
    recent = List.copyOf(recent);
    java.util.Objects.requireNonNull(lastNote, "lastNote");
    java.util.Objects.requireNonNull(signals, "signals");
  }

  /** An activity with no step signals ({@link StepSignals#NONE}). */
  public RunActivity(
      int toolCalls,
      int ok,
      int errors,
      int repeats,
      int refusals,
      List<RunContext.ToolOutcome.Status> recent,
      int lastResultChars,
      Optional<Note> lastNote) {
    this(
        toolCalls,
        ok,
        errors,
        repeats,
        refusals,
        recent,
        lastResultChars,
        lastNote,
        StepSignals.NONE);
  }

  /** A strategy's note: its kind (e.g. {@code verify}) and text. */
  public record Note(String kind, String text) {}

  /** This activity with one more tool outcome, its step signals unchanged. */
  public RunActivity with(RunContext.ToolOutcome.Status status, int resultChars) {
    return with(status, resultChars, signals);
  }

  /**
   * This activity with one more tool outcome whose tool, arguments and result text feed the step
   * signals.
   */
  public RunActivity with(
      RunContext.ToolOutcome.Status status, String tool, String arguments, String text) {
    boolean ok = status == RunContext.ToolOutcome.Status.OK;
    return with(status, text == null ? 0 : text.length(), signals.with(tool, arguments, ok, text));
  }

  private RunActivity with(
      RunContext.ToolOutcome.Status status, int resultChars, StepSignals next) {
    List<RunContext.ToolOutcome.Status> r = new java.util.ArrayList<>(recent);
    r.add(status);
    if (r.size() > RECENT) r.remove(0);
    return new RunActivity(
        toolCalls + 1,
        ok + (status == RunContext.ToolOutcome.Status.OK ? 1 : 0),
        errors + (status == RunContext.ToolOutcome.Status.ERROR ? 1 : 0),
        repeats + (status == RunContext.ToolOutcome.Status.REPEATED ? 1 : 0),
        refusals + (status == RunContext.ToolOutcome.Status.REFUSED ? 1 : 0),
        r,
        resultChars,
        lastNote,
        next);
  }

  /** This activity with {@code note} as the latest note. */
  public RunActivity withNote(String kind, String text) {
    return new RunActivity(
        toolCalls,
        ok,
        errors,
        repeats,
        refusals,
        recent,
        lastResultChars,
        Optional.of(new Note(kind, text == null ? "" : text)),
        signals);
  }
}
