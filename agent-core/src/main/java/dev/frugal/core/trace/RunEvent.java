package dev.frugal.core.trace;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;

/**
 * One thing that happened in a run. Every event carries the run id, so traces of several runs can
 * share a file. Serialised as one JSON object per line with a {@code "type"} field.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RunEvent.RunStarted.class, name = "run_started"),
  @JsonSubTypes.Type(value = RunEvent.ModelCalled.class, name = "model_called"),
  @JsonSubTypes.Type(value = RunEvent.ModelFailed.class, name = "model_failed"),
  @JsonSubTypes.Type(value = RunEvent.ToolCalled.class, name = "tool_called"),
  @JsonSubTypes.Type(value = RunEvent.Refused.class, name = "refused"),
  @JsonSubTypes.Type(value = RunEvent.Note.class, name = "note"),
  @JsonSubTypes.Type(value = RunEvent.AnswerGiven.class, name = "answer"),
  @JsonSubTypes.Type(value = RunEvent.RunFinished.class, name = "run_finished"),
  @JsonSubTypes.Type(value = RunEvent.ScopeOpened.class, name = "scope_opened"),
  @JsonSubTypes.Type(value = RunEvent.ScopeClosed.class, name = "scope_closed")
})
public sealed interface RunEvent {

  /** The id of the run this event belongs to. */
  String runId();

  /** The run began. {@code caps} maps each cap's description to its limit (USD in dollars). */
  record RunStarted(String runId, String question, String strategy, Map<String, Object> caps)
      implements RunEvent {}

  /**
   * A model call completed and was charged. {@code responseModel} is the model the provider said
   * answered (null when it did not say; absent from older traces).
   */
  record ModelCalled(
      String runId,
      int step,
      String purpose,
      String model,
      long inputTokens,
      long cachedInputTokens,
      long outputTokens,
      double usd,
      long millis,
      int attempt,
      String responseModel)
      implements RunEvent {

    /** A call whose provider did not name the model that answered. */
    public ModelCalled(
        String runId,
        int step,
        String purpose,
        String model,
        long inputTokens,
        long cachedInputTokens,
        long outputTokens,
        double usd,
        long millis,
        int attempt) {
      this(
          runId,
          step,
          purpose,
          model,
          inputTokens,
          cachedInputTokens,
          outputTokens,
          usd,
          millis,
          attempt,
          null);
    }
  }

  /** A model call failed; {@code retrying} tells whether another attempt follows. */
  record ModelFailed(
      String runId, int step, String model, int attempt, String error, boolean retrying)
      implements RunEvent {}

  /**
   * A tool call was handled. {@code outcome} is {@code ok}, {@code error} (the tool or its
   * arguments failed; not charged), {@code repeat} (identical to an earlier call; not re-run, not
   * charged) or {@code cached} (served by a cache interceptor). {@code millis} is how long the tool
   * itself ran (0 when it did not run; absent from older traces).
   */
  record ToolCalled(
      String runId,
      int step,
      String tool,
      String arguments,
      long units,
      double usd,
      String outcome,
      String detail,
      int resultChars,
      long millis)
      implements RunEvent {

    /** A call that took no measured time (the tool did not run). */
    public ToolCalled(
        String runId,
        int step,
        String tool,
        String arguments,
        long units,
        double usd,
        String outcome,
        String detail,
        int resultChars) {
      this(runId, step, tool, arguments, units, usd, outcome, detail, resultChars, 0);
    }
  }

  /** The ledger refused a call before it was made. */
  record Refused(String runId, int step, String what, String cap, String message)
      implements RunEvent {}

  /** Something a strategy wants in the trace (an attempt began, a verifier decided, ...). */
  record Note(String runId, int step, String kind, String text) implements RunEvent {}

  /** The run's answer; {@code forced} when it was asked for because the budget or steps ran out. */
  record AnswerGiven(String runId, int step, String answer, boolean forced) implements RunEvent {}

  /** The run ended. */
  record RunFinished(
      String runId,
      String stopReason,
      String answer,
      double usd,
      long inputTokens,
      long outputTokens,
      Map<String, Long> toolUnits,
      int steps,
      long millis)
      implements RunEvent {}

  /**
   * A strategy began a part of the run that groups later calls: a sample, an attempt, the expansion
   * of a tree node. Calls made on the same thread until the matching {@link ScopeClosed} belong to
   * it (observability adapters nest their spans this way).
   *
   * @param scope the scope's id, unique in the run (1, 2, ...)
   * @param parent the enclosing scope's id; 0 for the run itself
   * @param kind what the scope is, e.g. {@code sample}, {@code attempt}, {@code expand}
   * @param label a short human-readable name, e.g. {@code sample 2 of 3}
   */
  record ScopeOpened(String runId, int step, int scope, int parent, String kind, String label)
      implements RunEvent {}

  /** The scope {@code scope} ended. */
  record ScopeClosed(String runId, int step, int scope) implements RunEvent {}
}
