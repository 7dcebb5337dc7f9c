package dev.frugal.core.engine;

import dev.frugal.core.Cancellation;
import dev.frugal.core.CancelledException;
import dev.frugal.core.ModelFailureException;
import dev.frugal.core.TokenCounter;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.BudgetStoreUnavailableException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Reservation;
import dev.frugal.core.budget.Spend;
import dev.frugal.core.intercept.ModelCall;
import dev.frugal.core.intercept.ModelInterceptor;
import dev.frugal.core.intercept.RetryPolicy;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's model calls (see {@link RunContext#chat}): the model interceptors, the retry policy and
 * the metering link: estimate the input tokens, lower the request's output allowance to what the
 * budget can pay for, reserve, call under the model timeout (streamed for a streamed run), settle
 * with the reported usage, release a call that failed before it was sent, and charge the estimate
 * of one abandoned after it was sent.
 */
final class ModelCalls {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ModelCalls.class);
  private final RunContext ctx;
  private final RunSettings agent;
  private final Cancellation cancellation;
  private final java.util.function.Consumer<RunEvent> emit;
  private final Deadlines.Lane lane;
  private final Random jitter;

  /** Token counts of this run's messages and tool specifications, by counter and identity. */
  private final Map<TokenCounter, TokenEstimate.Memo> tokenMemo = new ConcurrentHashMap<>();

  private volatile Memo firstMemo;

  ModelCalls(
      RunContext ctx,
      RunSettings agent,
      Cancellation cancellation,
      java.util.function.Consumer<RunEvent> emit,
      Deadlines.Lane lane) {
    this.ctx = ctx;
    this.agent = agent;
    this.cancellation = cancellation;
    this.emit = emit;
    this.lane = lane;
    this.jitter = new Random(ctx.runId().hashCode());
  }

  /**
   * Runs {@code call} through the interceptors, retries and metering, charged to {@code ledger}.
   */
  ChatResponse call(ModelCall call, Ledger ledger) {
    return new ModelChainLink(0, ledger).proceed(call);
  }

  /**
   * Whether {@code ledger} can pay for a call to {@code model} with the request's estimated input
   * and {@code outputTokens} of output.
   */
  boolean affordable(String model, ChatRequest request, Ledger ledger, int outputTokens) {
    Spend least =
        Spend.modelCall(
            model,
            inputEstimate(request, agent.tokenCounter(model)),
            0,
            outputTokens,
            agent.prices());
    return ledger.wouldExceed(least).isEmpty();
  }

  /** The output tokens a request asks for: its own maxOutputTokens, else the agent's default. */
  int outputAllowance(ChatRequest request) {
    return request.maxOutputTokens() != null ? request.maxOutputTokens() : agent.maxOutputTokens();
  }

  private final class ModelChainLink extends ChainLink<ModelCall>
      implements ModelInterceptor.Chain {
    ModelChainLink(int index, Ledger ledger) {
      super(index, ledger);
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
      if (ctx.cancelled()) throw new CancelledException();
      try {
        return meterModel(call, ledger, attempt, deadline);
      } catch (BudgetExceededException e) {
        emit.accept(
            new RunEvent.Refused(
                ctx.runId(),
                call.step(),
                "model " + call.model(),
                e.cap().describe(),
                e.getMessage()));
        throw e;
      } catch (BudgetStoreUnavailableException e) {
        throw e; // fails closed: not a model failure, never retried here
      } catch (CancelledException e) {
        throw e;
      } catch (RuntimeException e) {
        boolean retriable =
            attempt < policy.maxAttempts()
                && RetryPolicy.isRetriable(e)
                && !(e instanceof ModelTimeoutException)
                && !(e instanceof dev.frugal.core.stream.StreamCutException);
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
            new RunEvent.ModelFailed(ctx.runId(), call.step(), call.model(), attempt, msg, retry));
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
    AnswerTokens answerTokens = answerTokensFor(call);
    BoundedCall<ChatResponse> running =
        BoundedCall.start(
            answerTokens == null
                ? () -> call.chatModel().chat(sent)
                : () ->
                    ((dev.frugal.core.stream.StreamingModel) call.chatModel())
                        .stream(sent, answerTokens),
            agent.isolateCalls(),
            lane);
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
              + " (AgentBuilder.modelTimeout, --model-timeout); the call was abandoned");
    } catch (BoundedCall.Failed e) {
      Throwable cause = e.getCause();
      if (cause instanceof dev.frugal.core.stream.StreamCutException cut) {
        // the provider produced (and bills) text before the stream broke off, perhaps more than
        // arrived: charge the whole reservation, never less, and let the caller see the failure
        r.settle(estimate);
        emitCalled(
            call, estimate, Duration.ofNanos(System.nanoTime() - t0).toMillis(), attempt, null);
        if (cancellation.isCancelled()) throw new CancelledException();
        throw cut;
      }
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
    if (answerTokens != null) {
      answerTokens.finish(resp.aiMessage() != null && !resp.aiMessage().hasToolExecutionRequests());
    }
    return resp;
  }

  /**
   * The filter that hands a streamed call's answer text to the run's stream handler: only for a
   * streamed run, a streaming model, and a call that may answer (a step or a final answer).
   */
  private AnswerTokens answerTokensFor(ModelCall call) {
    dev.frugal.core.stream.RunStreamHandler h = ctx.streamHandler();
    if (h == null
        || !(call.chatModel() instanceof dev.frugal.core.stream.StreamingModel)
        || !("step".equals(call.purpose()) || "final".equals(call.purpose()))) {
      return null;
    }
    return new AnswerTokens(
        token -> {
          try {
            h.onAnswerToken(token);
          } catch (RuntimeException e) {
            LOG.warn("stream handler failed on an answer token: {}", e.toString());
          }
        });
  }

  private void emitCalled(
      ModelCall call, Spend actual, long millis, int attempt, String responseModel) {
    emit.accept(
        new RunEvent.ModelCalled(
            ctx.runId(),
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
