package dev.frugal.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.ModelSelection;
import dev.frugal.core.ModelSelector;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.trace.RunEvent;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Page memory in a real agent loop over a real long page: the paragraphs of twelve HotpotQA dev
 * items (the copy bundled in the tools module) concatenated into one page of about 50,000
 * characters, returned by an {@code open} tool. The agent is a scripted model (open, then answer);
 * the model-based tiers are answered by {@link EchoingMemoryModel}.
 */
class PageMemoryTest {
  private static final Path HOTPOT =
      Path.of("..", "tools", "src", "main", "resources", "dev", "frugal", "tools", "dataset")
          .resolve("hotpotqa-dev500.jsonl");
  private static final PriceTable PRICES =
      PriceTable.builder()
          .model("agent", ModelPrice.of(0, 0))
          .model("memory", ModelPrice.of(1_000, 1_000)) // $0.001 per token: masking bites early
          .build();

  private static final List<JsonNode> ITEMS = new ArrayList<>();
  private static String page;

  @BeforeAll
  static void readPage() throws IOException {
    ObjectMapper json = new ObjectMapper();
    StringBuilder sb = new StringBuilder();
    for (String line : Files.readAllLines(HOTPOT).subList(0, 12)) {
      JsonNode item = json.readTree(line);
      ITEMS.add(item);
      for (JsonNode c : item.get("contexts")) {
        sb.append(c.get("paragraph_text").asText().strip()).append("\n\n");
      }
    }
    page = sb.toString().strip();
  }

  /** The {@code open} tool of the web backends, returning the long page in its block format. */
  private static final class OpenTool implements Tool {
    @Override
    public ToolSpecification specification() {
      return ToolSpecification.builder()
          .name("open")
          .description("reads a page")
          .parameters(JsonObjectSchema.builder().build())
          .build();
    }

    @Override
    public ToolResult execute(ToolCall call) {
      return ToolResult.ok(
          "[1] Twelve questions\nURL: https://example.test/big\n"
              + page
              + "\n\n[2] A short page\nURL: https://example.test/short\nOnly a line.");
    }
  }

  /**
   * The agent's side: opens the page once, then answers; a memory prompt goes to the echoing model.
   * Reports one token per four characters of the request.
   */
  private static final class Script implements ChatModel {
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
    final EchoingMemoryModel memory = new EchoingMemoryModel(false);

    @Override
    public ChatResponse doChat(ChatRequest request) {
      requests.add(request);
      ChatMessage first = request.messages().get(0);
      if (first instanceof UserMessage u
          && u.hasSingleText()
          && u.singleText().startsWith("[memory module:")) {
        return memory.doChat(request);
      }
      boolean opened =
          request.messages().stream().anyMatch(ToolExecutionResultMessage.class::isInstance);
      AiMessage reply =
          opened
              ? AiMessage.from("<answer>done</answer>")
              : AiMessage.from(
                  ToolExecutionRequest.builder().id("c1").name("open").arguments("{}").build());
      int chars = request.messages().toString().length();
      return ChatResponse.builder()
          .aiMessage(reply)
          .tokenUsage(new TokenUsage(chars / 4, 5))
          .build();
    }

    String toolResultSeen() {
      for (ChatRequest r : requests) {
        for (ChatMessage m : r.messages()) {
          if (m instanceof ToolExecutionResultMessage t) return t.text();
        }
      }
      throw new AssertionError("the agent never read a tool result");
    }
  }

  /** The agent model for its steps, the priced "memory" name for page-memory calls. */
  private static AgentBuilder agent(Script script, PageMemory memory, Budget budget) {
    return Agent.builder()
        .modelSelector(
            new ModelSelector() {
              @Override
              public NamedModel select(ModelSelection s) {
                return new NamedModel(
                    PageMemory.PURPOSE.equals(s.purpose()) ? "memory" : "agent", script);
              }

              @Override
              public List<NamedModel> models() {
                return List.of(new NamedModel("agent", script), new NamedModel("memory", script));
              }
            })
        .prices(PRICES)
        .tool(new OpenTool())
        .budgetTracker(false)
        .budget(budget)
        .toolInterceptor(memory);
  }

  private static String question(int item) {
    return ITEMS.get(item).get("question_text").asText();
  }

  /** Whether {@code text} contains a sentence (30+ characters) of a supporting paragraph. */
  private static boolean quotesSupport(String text, int item) {
    String flat = text.replaceAll("\\s+", " ");
    for (JsonNode c : ITEMS.get(item).get("contexts")) {
      if (!c.get("is_supporting").asBoolean()) continue;
      for (String s : c.get("paragraph_text").asText().split("(?<=[.!?])\\s+")) {
        String t = s.replaceAll("\\s+", " ").strip();
        if (t.length() >= 30 && flat.contains(t)) return true;
      }
    }
    return false;
  }

  @Test
  void aLongPageIsReplacedByAShorterQueryAwareSummaryAndAShortOnePassesUnchanged() {
    assertThat(page.length()).isGreaterThan(40_000);
    List<String> seen = new ArrayList<>();
    for (int item : new int[] {0, 3}) {
      Script script = new Script();
      PageMemory memory = PageMemory.builder().build(); // LOW tiers, no model: $0
      RunResult r =
          agent(script, memory, Budget.builder().toolUnits("open", 1).build())
              .build()
              .run(question(item));
      String text = script.toolResultSeen();
      seen.add(text);
      assertThat(text)
          .startsWith("[1] Twelve questions\nURL: https://example.test/big\n[PAGE MEMORY]")
          .contains("memory summary of page \"Twelve questions\" at tier LOW")
          .contains(question(item))
          .endsWith("[2] A short page\nURL: https://example.test/short\nOnly a line.");
      assertThat(text.length()).isLessThan(page.length() / 10);
      assertThat(quotesSupport(text, item))
          .as("the summary quotes the question's evidence")
          .isTrue();
      assertThat(memory.kept()).singleElement().satisfies(k -> assertThat(k.usd()).isZero());
      assertThat(r.trace())
          .filteredOn(e -> e instanceof RunEvent.Note n && n.kind().equals(PageMemory.PURPOSE))
          .hasSize(1);
      assertThat(r.modelCalls()).containsOnlyKeys("agent");
    }
    // query-aware: each question's summary holds its own evidence, not the other's
    assertThat(quotesSupport(seen.get(0), 3)).isFalse();
    assertThat(quotesSupport(seen.get(1), 0)).isFalse();
  }

  @Test
  void modelTiersArePaidThroughTheRunAndShowInItsTraceAndCosts() {
    Script script = new Script();
    PageMemory memory =
        PageMemory.builder()
            .tiers(TierChooser.fixed(MemoryTier.MID))
            .model("memory", PRICES)
            .build();
    RunResult r =
        agent(script, memory, Budget.builder().toolUnits("open", 1).build())
            .build()
            .run(question(0));

    List<RunEvent.ModelCalled> paged =
        r.trace().stream()
            .filter(e -> e instanceof RunEvent.ModelCalled c && c.purpose().equals("page-memory"))
            .map(e -> (RunEvent.ModelCalled) e)
            .toList();
    // implementation axis, MID: embedding filter ($0), then entity, temporal, topic, summary
    assertThat(paged).hasSize(4).allSatisfy(c -> assertThat(c.model()).isEqualTo("memory"));
    assertThat(script.memory.calls()).isEqualTo(4);
    double paid = paged.stream().mapToDouble(RunEvent.ModelCalled::usd).sum();
    assertThat(paid).isPositive();
    assertThat(memory.kept())
        .singleElement()
        .satisfies(k -> assertThat(k.usd()).isCloseTo(paid, within(1e-9)));
    assertThat(r.usdByModel().get("memory")).isCloseTo(paid, within(1e-9));
    assertThat(r.modelCalls()).containsEntry("memory", 4L);
    assertThat(script.toolResultSeen())
        .contains("memory summary of page \"Twelve questions\" at tier MID");
  }

  @Test
  void underATightRunBudgetTiersAreMaskedOrRefusedAndTheCapIsNeverExceeded() {
    for (double cap : new double[] {0.05, 0.5, 1.0, 2.0}) {
      Script script = new Script();
      PageMemory memory =
          PageMemory.builder()
              .tiers(TierChooser.fixed(MemoryTier.HIGH))
              .model("memory", PRICES)
              .build();
      RunResult r =
          agent(script, memory, Budget.builder().usd(cap).toolUnits("open", 1).build())
              .build()
              .run(question(0));
      assertThat(r.usd()).as("cap $%s", cap).isLessThanOrEqualTo(cap);
      assertThat(script.toolResultSeen()).contains("[PAGE MEMORY]");
      if (cap == 0.05) {
        // no model tier fits: the highest free tier of each module ran and nothing was paid
        assertThat(r.modelCalls()).doesNotContainKey("memory");
        assertThat(memory.kept().get(0).tiers())
            .isEqualTo("filter MID, entity LOW, temporal LOW, topic LOW, summary LOW");
      }
      if (cap == 2.0) {
        // some model tiers fit and were paid, within the cap
        assertThat(r.modelCalls()).containsKey("memory");
        assertThat(memory.kept().get(0).usd()).isPositive();
      }
    }
  }
}
