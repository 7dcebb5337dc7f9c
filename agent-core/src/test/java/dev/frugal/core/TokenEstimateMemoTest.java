package dev.frugal.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-run memo of token counts gives exactly the counts made without it. */
class TokenEstimateMemoTest {
  private static final ToolSpecification SEARCH =
      ToolSpecification.builder()
          .name("search")
          .description("Searches the corpus for paragraphs")
          .parameters(
              JsonObjectSchema.builder().addStringProperty("query").required("query").build())
          .build();

  @Test
  void aGrowingConversationIsEstimatedTheSameWithAndWithoutTheMemo() {
    TokenCounter counter = TokenCounter.forModel("some-local-model");
    Map<Object, Long> memo = new IdentityHashMap<>();
    List<ChatMessage> conversation = new ArrayList<>();
    conversation.add(SystemMessage.from("You answer questions. Вопрос? 質問です。"));
    conversation.add(UserMessage.from("Who wrote the opera that premiered in 1875? 🎭"));
    for (int step = 0; step < 6; step++) {
      ChatRequest req =
          ChatRequest.builder().messages(conversation).toolSpecifications(SEARCH).build();
      long fresh = TokenEstimate.input(req, counter);
      assertThat(TokenEstimate.input(req, counter, memo)).isEqualTo(fresh);
      assertThat(TokenEstimate.input(req, counter, memo)).isEqualTo(fresh); // from the memo
      assertThat(memo).hasSize(conversation.size() + 1); // every message and the tool, once
      conversation.add(AiMessage.from("step " + step + ": searching for the premiere year"));
    }
  }
}
