package dev.frugal.examples.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.Agent;
import dev.frugal.core.Cancellation;
import dev.frugal.core.Conversation;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.spring.FrugalAgents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The page's JSON endpoints (docs/web.md, "Endpoints"). Each question is one run of the starter's
 * agent ({@link FrugalAgents#forCurrentRequest()}) with the question's own dollar cap: a one-turn
 * {@link Conversation} whose budget replaces the agent's run caps, so every call is reserved
 * against that cap before it is made and settled after, as in any run.
 */
@RestController
public class AskController implements DisposableBean {
  /** How often the stream samples the run ledger for the budget gauge. */
  static final long SAMPLE_MILLIS = 25;

  private final FrugalAgents agents;
  private final BundledQuestions questions;
  private final RecentTraces traces;
  private final WebSettings settings;
  private final ObjectMapper json;
  private final String model;
  private final ExecutorService runs =
      Executors.newFixedThreadPool(
          4,
          r -> {
            Thread t = new Thread(r, "frugal-web-run");
            t.setDaemon(true);
            return t;
          });
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "frugal-web-budget-sampler");
            t.setDaemon(true);
            return t;
          });

  public AskController(
      FrugalAgents agents,
      BundledQuestions questions,
      RecentTraces traces,
      WebSettings settings,
      ObjectMapper json,
      @Value("${frugal.model.name}") String model) {
    this.agents = agents;
    this.questions = questions;
    this.traces = traces;
    this.settings = settings;
    this.json = json;
    this.model = model;
  }

  /** What the page shows before a question: the model, whether it is simulated, examples. */
  @GetMapping(path = "/api/info", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> info() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model);
    m.put("simulated", settings.simulated());
    m.put(
        "note",
        settings.simulated()
            ? "SIMULATED model '"
                + model
                + "': a policy simulation over the bundled HotpotQA corpus, not a language model;"
                + " it knows only the bundled questions, and its answer comes whole at the end"
            : "model '" + model + "' over the bundled HotpotQA corpus");
    m.put("defaultUsd", settings.defaultUsd());
    m.put("maxUsd", WebSettings.MAX_USD);
    m.put("examples", questions.examples(8));
    return m;
  }

  /** Answers one question: {@code {"question": ..., "usd": ...}}. */
  @PostMapping(path = "/api/ask", produces = MediaType.APPLICATION_JSON_VALUE)
  public Map<String, Object> ask(@RequestBody(required = false) String body) {
    AskRequest req = AskRequest.fromJson(body, json, settings.defaultUsd());
    check(req);
    try (Conversation c = conversation(req)) {
      RunResult r = c.ask(req.question());
      traces.keep(r);
      return RunReply.of(r, req.usd(), model, settings.simulated());
    }
  }

  /** Answers one question as server-sent events (docs/web.md, "The event stream"). */
  @GetMapping(path = "/api/ask/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter stream(
      @RequestParam(name = "question", required = false) String question,
      @RequestParam(name = "usd", required = false) String usd) {
    AskRequest req = AskRequest.fromParameters(question, usd, settings.defaultUsd());
    check(req);
    SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(10));
    Conversation c = conversation(req);
    Cancellation cancellation = new Cancellation();
    // a connection that fails or times out stops the run, as a failed send does (RunStream)
    emitter.onError(e -> cancellation.cancel());
    emitter.onTimeout(cancellation::cancel);
    RunStream stream = new RunStream(emitter, c, req.usd(), cancellation);
    runs.execute(
        () -> {
          // "start" is the first event: the budget sampler begins only after it is sent
          Map<String, Object> start = new LinkedHashMap<>();
          start.put("question", req.question());
          start.put("capUsd", req.usd());
          start.put("model", model);
          start.put("simulated", settings.simulated());
          stream.send("start", start);
          ScheduledFuture<?> sampling =
              sampler.scheduleAtFixedRate(
                  stream::sampleBudget, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
          try {
            RunResult r = c.askStreaming(req.question(), stream, cancellation);
            traces.keep(r);
            sampling.cancel(false);
            stream.sampleBudget();
            stream.sendLast("result", RunReply.of(r, req.usd(), model, settings.simulated()));
            emitter.complete();
          } catch (RuntimeException e) {
            sampling.cancel(false);
            stream.sendLast("error", Map.of("message", String.valueOf(e.getMessage())));
            emitter.complete();
          } finally {
            c.close();
          }
        });
    return emitter;
  }

  /**
   * The trace of a recent run as JSON lines (the format of {@code frugal ask --trace}, which {@code
   * ./frugal trace show FILE} reads); 404 once it is no longer kept.
   */
  @GetMapping(path = "/api/runs/{runId}/trace", produces = "application/x-ndjson")
  public ResponseEntity<String> trace(
      @org.springframework.web.bind.annotation.PathVariable String runId) {
    return traces
        .jsonLines(runId)
        .map(
            t ->
                ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType("application/x-ndjson"))
                    .body(t))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(
                        "{\"error\": \"no trace of run '"
                            + runId.replaceAll("[^A-Za-z0-9_-]", "?")
                            + "': only the last "
                            + RecentTraces.KEPT
                            + " runs of this process are kept\"}"));
  }

  private void check(AskRequest req) {
    if (settings.simulated()) questions.requireKnown(req.question());
  }

  private Conversation conversation(AskRequest req) {
    Agent agent = agents.forCurrentRequest();
    return agent.conversation(Budget.builder().usd(req.usd()).build());
  }

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<Map<String, Object>> badRequest(BadRequestException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", e.getMessage());
    if (!e.suggestions().isEmpty()) m.put("suggestions", e.suggestions());
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(m);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return badRequest(
        new BadRequestException("the request body is unreadable; send " + AskRequest.SHAPE));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .contentType(MediaType.APPLICATION_JSON)
        .body(
            Map.of(
                "error", "send the body as Content-Type: application/json, " + AskRequest.SHAPE));
  }

  @Override
  public void destroy() {
    sampler.shutdownNow();
    runs.shutdownNow();
  }
}
