package dev.frugal.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.TokenCounter;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.util.ArrayList;
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
    java.util.concurrent.atomic.AtomicInteger counted =
        new java.util.concurrent.atomic.AtomicInteger();
    TokenCounter counting =
        text -> {
          counted.incrementAndGet();
          return counter.count(text);
        };
    TokenEstimate.Memo memo = new TokenEstimate.Memo();
    List<ChatMessage> conversation = new ArrayList<>();
    conversation.add(SystemMessage.from("You answer questions. Вопрос? 質問です。"));
    conversation.add(UserMessage.from("Who wrote the opera that premiered in 1875? 🎭"));
    for (int step = 0; step < 6; step++) {
      ChatRequest req =
          ChatRequest.builder().messages(conversation).toolSpecifications(SEARCH).build();
      long fresh = TokenEstimate.input(req, counter);
      int before = counted.get();
      assertThat(memoized(req, counting, memo)).isEqualTo(fresh);
      // only what is new is counted: the first time every message and the tool's name,
      // description and schema, then the one new reply
      assertThat(counted.get() - before).isEqualTo(step == 0 ? conversation.size() + 3 : 1);
      assertThat(memoized(req, counting, memo)).isEqualTo(fresh); // from the memo
      assertThat(counted.get() - before).isEqualTo(step == 0 ? conversation.size() + 3 : 1);
      conversation.add(AiMessage.from("step " + step + ": searching for the premiere year"));
    }
  }

  @Test
  void aRewrittenHistoryAndTwoInterleavedConversationsAreCountedAsIfAfresh() {
    TokenCounter counter = TokenCounter.forModel("some-local-model");
    java.util.Set<String> seen = new java.util.HashSet<>();
    java.util.concurrent.atomic.AtomicInteger counted =
        new java.util.concurrent.atomic.AtomicInteger();
    TokenCounter counting =
        text -> {
          counted.incrementAndGet();
          seen.add(text);
          return counter.count(text);
        };
    TokenEstimate.Memo memo = new TokenEstimate.Memo();
    TokenEstimate.TextCounts systemTexts = new TokenEstimate.TextCounts();
    List<ChatMessage> a = new ArrayList<>();
    a.add(SystemMessage.from("You answer questions about operas."));
    a.add(UserMessage.from("Who wrote Carmen?"));
    List<ChatMessage> b = new ArrayList<>(a); // a parallel sample: same start, then its own
    for (int step = 0; step < 5; step++) {
      a.add(AiMessage.from("a" + step + ": searching for Bizet's operas"));
      b.add(AiMessage.from("b" + step + ": looking up the premiere of 1875 at the Opéra-Comique"));
      for (List<ChatMessage> c : List.of(a, b, a)) {
        ChatRequest req = ChatRequest.builder().messages(c).toolSpecifications(SEARCH).build();
        assertThat(TokenEstimate.input(req, counting, memo, Map.of(), systemTexts))
            .isEqualTo(TokenEstimate.input(req, counter));
      }
    }
    // switching between the two conversations counted no text twice
    assertThat(counted.get()).isEqualTo(seen.size());
    a.set(2, AiMessage.from("elided")); // a history rewritten in the middle, then shortened
    a.subList(4, a.size()).clear();
    ChatRequest req = ChatRequest.builder().messages(a).build();
    assertThat(TokenEstimate.input(req, counting, memo, Map.of(), systemTexts))
        .isEqualTo(TokenEstimate.input(req, counter));
  }

  private static long memoized(ChatRequest req, TokenCounter counter, TokenEstimate.Memo memo) {
    return TokenEstimate.input(req, counter, memo, Map.of(), null);
  }
}
