package dev.frugal.core;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.output.TokenUsage;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Generous input-token estimates made before a call, so that a settle rarely comes in above its
 * reservation: the messages' text counted by the model's {@link TokenCounter} (its real tokenizer
 * where one is public, else a conservative per-code-point rule), plus 8 per message and 8 per
 * request for the chat template, plus the tool specifications' text.
 */
final class TokenEstimate {

  static long input(ChatRequest req, TokenCounter counter) {
    return input(req, counter, null);
  }

  /**
   * Like {@link #input(ChatRequest, TokenCounter)}, remembering in {@code memo} (when not null) the
   * count of each message and tool specification by identity: a run sends the same message objects
   * again with every call, and counting them anew made estimating O(steps^2) per run. Messages and
   * specifications are immutable, so an instance's count never changes; {@code memo} must belong to
   * one counter.
   */
  static long input(ChatRequest req, TokenCounter counter, Map<Object, Long> memo) {
    return input(req, counter, memo, Map.of());
  }

  /**
   * Like {@link #input(ChatRequest, TokenCounter, Map)}, taking the count of a tool specification
   * from {@code known} (counts by {@code counter}, by identity) when it is there: an agent's
   * specifications are the same objects in every run, so it counts them once for all its runs.
   */
  static long input(
      ChatRequest req,
      TokenCounter counter,
      Map<Object, Long> memo,
      Map<ToolSpecification, Long> known) {
    long tokens = 0;
    int messages = 0;
    for (ChatMessage m : req.messages()) {
      messages++;
      tokens += memo == null ? counter.count(text(m)) : remembered(memo, m, counter);
    }
    if (req.toolSpecifications() != null) {
      for (ToolSpecification t : req.toolSpecifications()) {
        Long n = known.get(t);
        if (n != null) tokens += n;
        else tokens += memo == null ? specification(t, counter) : remembered(memo, t, counter);
      }
    }
    return tokens + 8L * messages + 8;
  }

  private static long remembered(Map<Object, Long> memo, Object item, TokenCounter counter) {
    Long known = memo.get(item);
    if (known != null) return known;
    long n =
        item instanceof ToolSpecification t
            ? specification(t, counter)
            : counter.count(text((ChatMessage) item));
    memo.put(item, n);
    return n;
  }

  static long specification(ToolSpecification t, TokenCounter counter) {
    long tokens = counter.count(t.name()) + 4;
    tokens += t.description() == null ? 0 : counter.count(t.description());
    // the schema's toString is wordier than the JSON a provider renders: half of it
    tokens += t.parameters() == null ? 0 : (counter.count(t.parameters().toString()) + 1) / 2;
    return tokens;
  }

  static String text(ChatMessage m) {
    if (m instanceof SystemMessage s) return s.text();
    if (m instanceof UserMessage u)
      return u.hasSingleText() ? u.singleText() : u.contents().toString();
    if (m instanceof ToolExecutionResultMessage t) return t.text();
    if (m instanceof AiMessage a) {
      StringBuilder sb = new StringBuilder(a.text() == null ? "" : a.text());
      if (a.hasToolExecutionRequests()) {
        a.toolExecutionRequests().forEach(r -> sb.append(r.name()).append(r.arguments()));
      }
      return sb.toString();
    }
    return m.toString();
  }

  /**
   * Cached input tokens, when the provider reports them. LangChain4j exposes them on provider
   * subclasses of {@link TokenUsage} (e.g. OpenAI's {@code inputTokensDetails().cachedTokens()});
   * agent-core may not depend on providers, so this looks the method up by name.
   */
  static long cachedInput(TokenUsage u) {
    Method details = DETAILS.get(u.getClass());
    if (details == null) return 0;
    try {
      Object d = details.invoke(u);
      if (d == null) return 0;
      Object cached = d.getClass().getMethod("cachedTokens").invoke(d);
      return cached instanceof Number n ? n.longValue() : 0;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return 0;
    }
  }

  /** {@code inputTokensDetails()} of a usage class, or null: looked up once per class. */
  private static final ClassValue<Method> DETAILS =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          try {
            return type.getMethod("inputTokensDetails");
          } catch (NoSuchMethodException e) {
            return null;
          }
        }
      };
}
