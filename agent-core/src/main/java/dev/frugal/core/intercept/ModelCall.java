package dev.frugal.core.intercept;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

/**
 * One model call on its way through the interceptor chain.
 *
 * @param runId the run it belongs to
 * @param step the step index within the run (1-based)
 * @param purpose why it is made: {@code step}, {@code final}, or a strategy's own (e.g. {@code
 *     verify})
 * @param model the model's name, used for pricing and per-model caps
 * @param chatModel the LangChain4j model that will serve it
 * @param request the request as it will be sent
 */
public record ModelCall(
    String runId,
    int step,
    String purpose,
    String model,
    ChatModel chatModel,
    ChatRequest request) {

  /** The same call with another request. */
  public ModelCall withRequest(ChatRequest newRequest) {
    return new ModelCall(runId, step, purpose, model, chatModel, newRequest);
  }
}
