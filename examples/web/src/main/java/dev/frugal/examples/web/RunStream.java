package dev.frugal.examples.web;

import dev.frugal.core.Cancellation;
import dev.frugal.core.Conversation;
import dev.frugal.core.budget.LedgerSnapshot;
import dev.frugal.core.stream.RunStreamHandler;
import dev.frugal.core.trace.RunEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Turns one streamed run ({@code Conversation.askStreaming}, docs/web.md, "The event stream") into
 * server-sent events: {@code tool_started} (units reserved before the tool runs), {@code
 * model_call} and {@code tool_finished} (what was settled), {@code refused}, {@code note}, {@code
 * token} (the answer's text as it comes), and {@code budget}: the run ledger's money settled
 * ({@code usedUsd}) and held by calls in flight ({@code reservedUsd}) against the cap, sent at each
 * of those events and whenever a sample of the ledger ({@link #sampleBudget()}) finds it changed.
 * When the browser has gone away (an event can no longer be sent) the run is cancelled: it makes no
 * further call, so nobody pays for an answer nobody will read.
 */
final class RunStream implements RunStreamHandler {
  private final SseEmitter emitter;
  private final Conversation conversation;
  private final double capUsd;
  private final Cancellation cancellation;
  private long lastUsedPicos = -1;
  private long lastReservedPicos = -1;
  private int budgetEvents;
  private boolean ended; // under this lock: the last event was sent
  private boolean gone;

  RunStream(
      SseEmitter emitter, Conversation conversation, double capUsd, Cancellation cancellation) {
    this.emitter = emitter;
    this.conversation = conversation;
    this.capUsd = capUsd;
    this.cancellation = cancellation;
  }

  @Override
  public void onAnswerToken(String token) {
    send("token", Map.of("text", token));
  }

  @Override
  public void onToolStarted(int step, String tool, String arguments, long units, double usd) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", step);
    m.put("tool", tool);
    m.put("arguments", arguments);
    m.put("units", units);
    m.put("reservedUsd", usd);
    send("tool_started", m);
    sampleBudget();
  }

  @Override
  public void onEvent(RunEvent event) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (event instanceof RunEvent.RunStarted s) {
      m.put("runId", s.runId());
      m.put("strategy", s.strategy());
      send("run_started", m);
    } else if (event instanceof RunEvent.ModelCalled c) {
      m.put("step", c.step());
      m.put("purpose", c.purpose());
      m.put("model", c.model());
      m.put("inputTokens", c.inputTokens());
      m.put("outputTokens", c.outputTokens());
      m.put("usd", c.usd());
      m.put("millis", c.millis());
      send("model_call", m);
    } else if (event instanceof RunEvent.ModelFailed f) {
      m.put("step", f.step());
      m.put("model", f.model());
      m.put("error", f.error());
      m.put("retrying", f.retrying());
      send("model_failed", m);
    } else if (event instanceof RunEvent.ToolCalled t) {
      m.put("step", t.step());
      m.put("tool", t.tool());
      m.put("arguments", t.arguments());
      m.put("units", t.units());
      m.put("usd", t.usd());
      m.put("outcome", t.outcome());
      send("tool_finished", m);
    } else if (event instanceof RunEvent.Refused r) {
      m.put("step", r.step());
      m.put("what", r.what());
      m.put("cap", r.cap());
      m.put("message", r.message());
      send("refused", m);
    } else if (event instanceof RunEvent.Note n) {
      m.put("step", n.step());
      m.put("kind", n.kind());
      m.put("text", n.text());
      send("note", m);
    }
    sampleBudget();
  }

  /**
   * Sends a {@code budget} event when the run ledger's settled or reserved money changed since the
   * last one. Called at every event and by the controller's sampler while the run lasts, which is
   * how a model call's reservation shows before its reply settles it.
   */
  void sampleBudget() {
    // the snapshot is taken outside this lock: never hold it while waiting for the ledger's
    LedgerSnapshot s = conversation.left();
    long used = s.used().picos();
    long reserved = s.reserved().picos();
    synchronized (this) {
      if (ended) return; // the sampler may fire once more after the last event
      if (used == lastUsedPicos && reserved == lastReservedPicos) return;
      lastUsedPicos = used;
      lastReservedPicos = reserved;
      budgetEvents++;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("usedUsd", s.used().usd());
      m.put("reservedUsd", s.reserved().usd());
      m.put("capUsd", capUsd);
      send("budget", m);
    }
  }

  /** Sends the stream's last event ({@code result} or {@code error}); nothing is sent after it. */
  synchronized void sendLast(String name, Object data) {
    send(name, data);
    ended = true;
  }

  /** How many {@code budget} events were sent. */
  synchronized int budgetEvents() {
    return budgetEvents;
  }

  /** Sends one event; the emitter is not thread-safe, so one sender at a time. */
  synchronized void send(String name, Object data) {
    if (gone || ended) return;
    try {
      emitter.send(SseEmitter.event().name(name).data(data, MediaType.APPLICATION_JSON));
    } catch (IOException | IllegalStateException e) {
      gone = true; // the browser went away: stop spending on its run
      cancellation.cancel();
    }
  }
}
