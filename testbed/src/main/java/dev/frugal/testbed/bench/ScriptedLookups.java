package dev.frugal.testbed.bench;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The scripted conversation of the engine benchmarks (a <b>simulated model</b>, no language model):
 * the reply is read from the conversation alone, a {@code lookup} call until {@code toolCalls}
 * results are in, then an answer, each with fixed token usage. {@link Lookup} is the tool it calls.
 */
public final class ScriptedLookups {
  private ScriptedLookups() {}

  /** The scripted reply to {@code request}. */
  public static ChatResponse reply(ChatRequest request, int toolCalls, TokenUsage usage) {
    return replyAfter(results(request), toolCalls, usage);
  }

  /** How many tool results {@code request}'s conversation holds. */
  public static int results(ChatRequest request) {
    int results = 0;
    for (ChatMessage m : request.messages()) {
      if (m instanceof ToolExecutionResultMessage) results++;
    }
    return results;
  }

  /** The scripted reply once {@code results} tool results are in. */
  public static ChatResponse replyAfter(long results, int toolCalls, TokenUsage usage) {
    AiMessage reply =
        results < toolCalls
            ? AiMessage.from(
                ToolExecutionRequest.builder()
                    .id("call_" + results)
                    .name("lookup")
                    .arguments("{\"word\":\"w" + results + "\"}")
                    .build())
            : AiMessage.from("<answer>done</answer>");
    return ChatResponse.builder().aiMessage(reply).tokenUsage(usage).build();
  }

  /** The tool the script calls. */
  public static final class Lookup {
    /** Looks {@code word} up. */
    @Tool("Looks a word up in the dictionary")
    public String lookup(@P("the word") String word) {
      return "definition of " + word;
    }
  }
}
