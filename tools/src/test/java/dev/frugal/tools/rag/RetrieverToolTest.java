package dev.frugal.tools.rag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RetrieverTool over a real LangChain4j retriever: an in-memory embedding store of passages
 * embedded with the all-MiniLM-L6-v2 model (in-process, bundled in its jar, offline), inside a real
 * agent run whose model is scripted.
 */
class RetrieverToolTest {
  static final List<String> PASSAGES =
      List.of(
          "Kiss and Tell is a 1945 American comedy film in which Shirley Temple plays the teenager"
              + " Corliss Archer.",
          "The Eiffel Tower in Paris was completed in 1889 for the World's Fair.",
          "Photosynthesis turns light, water and carbon dioxide into sugar and oxygen in plants.",
          "The Danube flows through ten countries before it reaches the Black Sea.",
          "Java 17 is a long-term support release of the Java platform, published in 2021.");

  static ContentRetriever retriever;

  @BeforeAll
  static void index() {
    EmbeddingModel embeddings = new AllMiniLmL6V2EmbeddingModel();
    InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
    for (String p : PASSAGES) {
      TextSegment s = TextSegment.from(p, new Metadata());
      store.add(embeddings.embed(s).content(), s);
    }
    retriever =
        EmbeddingStoreContentRetriever.builder()
            .embeddingStore(store)
            .embeddingModel(embeddings)
            .maxResults(2)
            .build();
  }

  /** A scripted model: calls the tool once, then answers from what it got. */
  static final class Script implements ChatModel {
    final Deque<AiMessage> replies = new ArrayDeque<>();
    final List<String> toolResults = new ArrayList<>();

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
      var last = request.messages().get(request.messages().size() - 1);
      if (last instanceof ToolExecutionResultMessage t) toolResults.add(t.text());
      for (var m : request.messages()) {
        if (m instanceof ToolExecutionResultMessage t && !toolResults.contains(t.text())) {
          toolResults.add(t.text());
        }
      }
      return ChatResponse.builder()
          .aiMessage(replies.remove())
          .tokenUsage(new TokenUsage(100, 10))
          .build();
    }
  }

  @Test
  void theToolReturnsTheRetrieversPassagesBestFirst() throws Exception {
    RetrieverTool tool = RetrieverTool.builder(retriever).name("docs").build();
    var result =
        tool.execute(
            new dev.frugal.core.tool.ToolCall(
                "c1",
                "docs",
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree("{\"query\":\"Who played Corliss Archer?\"}")));
    assertThat(result.error()).isFalse();
    assertThat(result.text()).startsWith("1. Kiss and Tell is a 1945").contains("\n2. ");
  }

  @Test
  void eachQueryIsChargedOneUnitAtItsPriceAndTheCapStopsTheRetriever() {
    RetrieverTool docs =
        RetrieverTool.builder(retriever)
            .name("docs")
            .description("Searches the film notes")
            .unitPrice(0.0005)
            .build();
    Script model = new Script();
    model.replies.add(
        AiMessage.from(
            ToolExecutionRequest.builder()
                .id("c1")
                .name("docs")
                .arguments("{\"query\":\"Corliss Archer actress\"}")
                .build()));
    model.replies.add(AiMessage.from("<answer>Shirley Temple</answer>"));
    Agent agent =
        Agent.builder()
            .model("m", model)
            .prices(docs.priceIn(PriceTable.builder().model("m", ModelPrice.of(1.0, 4.0))).build())
            .tool(docs)
            .budget(Budget.builder().toolUnits("docs", 1).usd(0.01).build())
            .build();

    RunResult r = agent.run("Who played Corliss Archer in Kiss and Tell?");

    assertThat(r.answer()).contains("Shirley Temple");
    // the one query the cap allowed was spent: the run asked for the answer without more retrieval
    assertThat(r.forcedAnswer()).isTrue();
    assertThat(r.toolUnits()).containsEntry("docs", 1L);
    assertThat(r.usdByTool()).containsEntry("docs", 0.0005);
    assertThat(r.toolPrices().get("docs").declared()).isTrue();
    assertThat(model.toolResults).hasSize(1);
    assertThat(model.toolResults.get(0)).contains("Shirley Temple plays the teenager");
  }
}
