package dev.frugal.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.Agent;
import dev.frugal.core.Lookup;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@link TraceWriter} given to an agent that runs many questions at once: the lines interleave,
 * and every line names its run, so each run reads back whole.
 */
class SharedTraceWriterTest {
  @TempDir Path dir;

  /** Looks the question's word up once, then answers with what it read; stateless per request. */
  private static final ChatModel LOOKUP_THEN_ANSWER =
      new ChatModel() {
        @Override
        public ChatResponse doChat(ChatRequest request) {
          List<ToolExecutionResultMessage> results =
              request.messages().stream()
                  .filter(m -> m instanceof ToolExecutionResultMessage)
                  .map(m -> (ToolExecutionResultMessage) m)
                  .toList();
          AiMessage reply =
              results.isEmpty()
                  ? AiMessage.from(
                      ToolExecutionRequest.builder()
                          .id("c1")
                          .name("lookup")
                          .arguments("{\"word\": \"w\"}")
                          .build())
                  : AiMessage.from("<answer>" + results.get(0).text() + "</answer>");
          return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(40, 4)).build();
        }
      };

  @Test
  void concurrentRunsSharingOneWriterEachReadBackCompleteUnderTheirOwnRunId() throws Exception {
    Path file = dir.resolve("shared.jsonl");
    int runs = 8;
    List<RunResult> results = new ArrayList<>();
    try (TraceWriter writer = TraceWriter.open(file)) {
      Agent agent =
          Agent.builder()
              .model("m", LOOKUP_THEN_ANSWER)
              .prices(PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0)).build())
              .toolsFrom(new Lookup())
              .budget(Budget.builder().usd(1.0).build())
              .budgetTracker(false)
              .listener(writer)
              .build();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<RunResult>> futures = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
          String q = "question " + i;
          futures.add(pool.submit(() -> agent.run(q)));
        }
        for (Future<RunResult> f : futures) results.add(f.get());
      } finally {
        pool.shutdown();
      }
    }

    // Every written line carries a run id, read straight from the JSON.
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(file)) {
      assertThat(json.readTree(line).path("runId").asText()).as(line).isNotBlank();
    }
    Map<String, List<RunEvent>> byRun =
        Traces.read(file).stream()
            .collect(
                Collectors.groupingBy(
                    RunEvent::runId, java.util.LinkedHashMap::new, Collectors.toList()));
    assertThat(byRun).hasSize(runs);
    List<String> questions = new ArrayList<>();
    for (List<RunEvent> events : byRun.values()) {
      assertThat(events.get(0)).isInstanceOf(RunEvent.RunStarted.class);
      assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
      assertThat(events).filteredOn(e -> e instanceof RunEvent.ModelCalled).hasSize(2);
      assertThat(events).filteredOn(e -> e instanceof RunEvent.ToolCalled).hasSize(1);
      questions.add(((RunEvent.RunStarted) events.get(0)).question());
    }
    assertThat(questions)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.IntStream.range(0, runs).mapToObj(i -> "question " + i).toList());
    assertThat(results).allMatch(r -> r.answer().orElse("").equals("about w"));
  }
}
