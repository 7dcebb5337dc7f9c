package dev.frugal.testbed.bench;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-step overhead of Frugal's step loop against LangChain4j {@code AiServices}, measured side by
 * side in one JVM on the same zero-latency scripted conversation (10 tool calls, then an answer)
 * with the same {@code @Tool}. Whatever the engine adds (ledger reservations, schema validation,
 * the Budget Tracker's status block, events and the trace) shows up as the difference.
 *
 * <p>Rounds alternate the two contestants so drift in the machine hits both; the figure reported is
 * the median over rounds of microseconds per step (one model call plus its tool calls).
 *
 * <pre>{@code
 * java -cp ... dev.frugal.testbed.bench.OverheadBenchmark [rounds] [runsPerRound]
 * }</pre>
 */
public final class OverheadBenchmark {
  static final int TOOL_STEPS = 10;
  static final int STEPS_PER_RUN = TOOL_STEPS + 1;

  /** Replies from the conversation alone: a tool call until 10 results are in, then an answer. */
  static final class ScriptedModel implements ChatModel {
    @Override
    public ChatResponse doChat(ChatRequest request) {
      return ScriptedLookups.reply(request, TOOL_STEPS, new TokenUsage(100, 10));
    }
  }

  /** What AiServices implements. */
  interface Assistant {
    String chat(String question);
  }

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    ScriptedModel model = new ScriptedModel();
    Agent agent =
        Agent.builder()
            .model("scripted", model)
            .prices(PriceTable.builder().model("scripted", ModelPrice.of(0.15, 0.60)).build())
            .toolsFrom(new ScriptedLookups.Lookup())
            .budget(
                Budget.builder().toolUnits("lookup", 100).usd(10).totalTokens(1_000_000).build())
            .maxSteps(50)
            // -Dfrugal.isolateCalls=true measures the worker-thread hand-off per call
            .isolateCalls(Boolean.getBoolean("frugal.isolateCalls"))
            .build();

    Runnable frugal =
        () -> {
          RunResult r = agent.run("What do the ten words mean?");
          if (r.steps() != STEPS_PER_RUN || r.answer().isEmpty()) {
            throw new IllegalStateException("unexpected run: " + r.stopReason().describe());
          }
        };
    Runnable aiServices =
        () -> {
          Assistant a =
              AiServices.builder(Assistant.class)
                  .chatModel(model)
                  .tools(new ScriptedLookups.Lookup())
                  .chatMemory(MessageWindowChatMemory.withMaxMessages(100))
                  .build();
          String answer = a.chat("What do the ten words mean?");
          if (!answer.contains("done")) throw new IllegalStateException("unexpected: " + answer);
        };

    // warm-up: let the JIT compile both paths
    for (int i = 0; i < 3; i++) {
      time(frugal, runs);
      time(aiServices, runs);
    }
    double[] f = new double[rounds];
    double[] l = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      if (i % 2 == 0) {
        f[i] = time(frugal, runs);
        l[i] = time(aiServices, runs);
      } else {
        l[i] = time(aiServices, runs);
        f[i] = time(frugal, runs);
      }
    }
    double fm = median(f);
    double lm = median(l);
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < rounds; i++) ratios.add(f[i] / l[i]);
    System.out.printf(
        Locale.ROOT,
        "steps per run: %d, runs per round: %d, rounds: %d%n"
            + "Frugal      : %.2f us/step (median; min %.2f, max %.2f)%n"
            + "AiServices  : %.2f us/step (median; min %.2f, max %.2f)%n"
            + "ratio Frugal/AiServices: %.3f (median of per-round ratios %.3f; range %.3f-%.3f)%n",
        STEPS_PER_RUN,
        runs,
        rounds,
        fm,
        Arrays.stream(f).min().orElse(0),
        Arrays.stream(f).max().orElse(0),
        lm,
        Arrays.stream(l).min().orElse(0),
        Arrays.stream(l).max().orElse(0),
        fm / lm,
        median(ratios.stream().mapToDouble(Double::doubleValue).toArray()),
        ratios.stream().mapToDouble(Double::doubleValue).min().orElse(0),
        ratios.stream().mapToDouble(Double::doubleValue).max().orElse(0));
  }

  /** Microseconds per step over {@code runs} runs. */
  static double time(Runnable r, int runs) {
    long t0 = System.nanoTime();
    for (int i = 0; i < runs; i++) r.run();
    return (System.nanoTime() - t0) / 1e3 / runs / STEPS_PER_RUN;
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
