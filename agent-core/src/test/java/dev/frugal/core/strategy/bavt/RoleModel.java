package dev.frugal.core.strategy.bavt;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * A scripted test model playing BAVT's two roles: generator steps come from {@link #steps} (or
 * {@link #nextStep} when the script is empty), critic scores from {@link #scores} (or {@link
 * #nextScore}); a request without tools gets {@link #finalAnswer}. It reports input tokens as
 * characters / 4 and never more output tokens than the request allows, as a provider does.
 */
final class RoleModel implements ChatModel {
  final Deque<AiMessage> steps = new ArrayDeque<>();
  final Deque<Double> scores = new ArrayDeque<>();
  final List<ChatRequest> requests = new ArrayList<>();
  Function<Integer, AiMessage> nextStep = i -> lookup("w" + i);
  Function<Integer, Double> nextScore = i -> 0.3;
  String finalAnswer = "<answer>forced guess</answer>";
  int outputTokens = 15;
  private int stepCount;
  private int scoreCount;

  static AiMessage lookup(String word) {
    return AiMessage.from(
        ToolExecutionRequest.builder()
            .id("c-" + word)
            .name("lookup")
            .arguments("{\"word\": \"" + word + "\"}")
            .build());
  }

  static AiMessage answer(String a) {
    return AiMessage.from("<answer>" + a + "</answer>");
  }

  RoleModel step(AiMessage m) {
    steps.add(m);
    return this;
  }

  RoleModel score(double s) {
    scores.add(s);
    return this;
  }

  static boolean isCritique(ChatRequest r) {
    return r.responseFormat() != null
        && r.responseFormat().jsonSchema() != null
        && r.responseFormat().jsonSchema().name().contains("critique");
  }

  static boolean isFinal(ChatRequest r) {
    return !isCritique(r) && (r.toolSpecifications() == null || r.toolSpecifications().isEmpty());
  }

  List<ChatRequest> generatorRequests() {
    return requests.stream().filter(r -> !isCritique(r) && !isFinal(r)).toList();
  }

  List<ChatRequest> critiqueRequests() {
    return requests.stream().filter(RoleModel::isCritique).toList();
  }

  @Override
  public synchronized ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    AiMessage reply;
    if (isCritique(request)) {
      double s = scores.isEmpty() ? nextScore.apply(scoreCount) : scores.poll();
      scoreCount++;
      reply = AiMessage.from("{\"score\": " + s + "}");
    } else if (isFinal(request)) {
      reply = AiMessage.from(finalAnswer);
    } else {
      reply = steps.isEmpty() ? nextStep.apply(stepCount) : steps.poll();
      stepCount++;
    }
    long chars = 0;
    for (ChatMessage m : request.messages()) chars += text(m).length();
    int max = request.maxOutputTokens() == null ? Integer.MAX_VALUE : request.maxOutputTokens();
    return ChatResponse.builder()
        .aiMessage(reply)
        .tokenUsage(new TokenUsage((int) (chars / 4), Math.min(outputTokens, max)))
        .build();
  }

  static String text(ChatMessage m) {
    if (m instanceof SystemMessage s) return s.text();
    if (m instanceof UserMessage u) return u.singleText();
    if (m instanceof ToolExecutionResultMessage t) return t.text();
    if (m instanceof AiMessage a) return a.text() == null ? a.toString() : a.text();
    return "";
  }
}
