package dev.frugal.core.engine;

import dev.frugal.core.TokenCounter;
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
public final class TokenEstimate {

  static long input(ChatRequest req, TokenCounter counter) {
    long tokens = 0;
    for (ChatMessage m : req.messages()) tokens += counter.count(text(m));
    if (req.toolSpecifications() != null) {
      for (ToolSpecification t : req.toolSpecifications()) tokens += specification(t, counter);
    }
    return tokens + 8L * req.messages().size() + 8;
  }

  /**
   * The same estimate as {@link #input(ChatRequest, TokenCounter)}, counted once per message and
   * tool specification: {@code memo} is the run's (for this counter), {@code known} holds the
   * agent's tool specifications counted once for all its runs (by identity), and {@code
   * systemTexts} counts system prompts by their text (every run of an agent usually opens with the
   * same prompt, thousands of characters long, in a new string).
   */
  static long input(
      ChatRequest req,
      TokenCounter counter,
      Memo memo,
      Map<ToolSpecification, Long> known,
      TextCounts systemTexts) {
    long tokens = memo.messages(req.messages(), counter, systemTexts);
    if (req.toolSpecifications() != null) {
      for (ToolSpecification t : req.toolSpecifications()) {
        Long n = known.get(t);
        tokens += n != null ? n : memo.specification(t, counter);
      }
    }
    return tokens + 8L * req.messages().size() + 8;
  }

  /**
   * One run's token counts for one counter. A run sends the same message objects again with every
   * call, and counting them anew made estimating O(steps^2) per run; looking each up by identity
   * still touched every message on every call. So the memo keeps the last conversation it counted
   * with running totals: a conversation that extends it (a ReAct loop's next step) is summed from
   * the first message that differs. Any other (a rewritten history, a parallel sample) falls back
   * to counts by identity. Messages and specifications are immutable, so a count never changes. The
   * identity map is filled only on that fallback: on the common path a new message is counted once
   * and never looked up again, and with thousands of runs in flight the map's table was one more
   * cold object per message.
   */
  static final class Memo {
    private final Map<Object, Long> byIdentity = new java.util.IdentityHashMap<>();
    private Object[] last = new Object[16];
    private long[] upTo = new long[16];
    private int lastCount;

    synchronized long messages(
        java.util.List<ChatMessage> msgs, TokenCounter counter, TextCounts systemTexts) {
      int n = msgs.size();
      int same = 0;
      while (same < n && same < lastCount && last[same] == msgs.get(same)) same++;
      long tokens = same == 0 ? 0 : upTo[same - 1];
      if (n > last.length) {
        int size = Math.max(n, 2 * last.length);
        last = java.util.Arrays.copyOf(last, size);
        upTo = java.util.Arrays.copyOf(upTo, size);
      }
      // the common path: it extends the last conversation, and its new messages are counted
      // without a look-up; otherwise what the memo knew goes into the identity map first
      boolean extension = same == lastCount;
      if (!extension) {
        for (int i = 0; i < lastCount; i++) {
          byIdentity.putIfAbsent(last[i], upTo[i] - (i == 0 ? 0 : upTo[i - 1]));
        }
      }
      for (int i = same; i < n; i++) {
        ChatMessage m = msgs.get(i);
        Long c = extension ? null : byIdentity.get(m);
        if (c == null) {
          c =
              systemTexts != null && m instanceof SystemMessage sm
                  ? systemTexts.count(sm.text(), counter)
                  : counter.count(text(m));
          if (!extension) byIdentity.put(m, c);
        }
        tokens += c;
        last[i] = m;
        upTo[i] = tokens;
      }
      java.util.Arrays.fill(last, n, lastCount < n ? n : lastCount, null);
      lastCount = n;
      return tokens;
    }

    synchronized long specification(ToolSpecification t, TokenCounter counter) {
      return byIdentity.computeIfAbsent(t, x -> TokenEstimate.specification(t, counter));
    }
  }

  /** The input tokens of one tool specification as a provider sends it, by {@code counter}. */
  public static long specification(ToolSpecification t, TokenCounter counter) {
    long tokens = counter.count(t.name()) + 4;
    tokens += t.description() == null ? 0 : counter.count(t.description());
    // the schema's toString is wordier than the JSON a provider renders: half of it
    tokens += t.parameters() == null ? 0 : (counter.count(t.parameters().toString()) + 1) / 2;
    return tokens;
  }

  /**
   * Token counts of recent texts by their content, for one counter: a small cache that forgets
   * everything when full (an agent has a handful of system prompts; a run whose prompt differs
   * every time only misses).
   */
  public static final class TextCounts {
    private static final int MAX = 64;
    private final java.util.concurrent.ConcurrentHashMap<String, Long> counts =
        new java.util.concurrent.ConcurrentHashMap<>();

    long count(String text, TokenCounter counter) {
      Long n = counts.get(text);
      if (n != null) return n;
      long c = counter.count(text);
      if (counts.size() >= MAX) counts.clear();
      counts.put(text, c);
      return c;
    }
  }

  /** The text of a message that counts toward its input tokens. */
  public static String text(ChatMessage m) {
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
