package dev.frugal.core.stream;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A LangChain4j {@link StreamingChatModel} (OpenAI-compatible, Anthropic, ...) seen as a {@link
 * ChatModel}: a call returns when the stream has completed, with the whole response, so the engine
 * reserves, retries, times out and settles it exactly as a blocking call. What a streamed run asks
 * for ({@code Agent.runStreaming}) also receives the text as it arrives. {@code
 * AgentBuilder.model(name, streamingChatModel)} wraps the model in one of these.
 *
 * <p>A stream that fails before any text has arrived (a 429, a refused connection) fails the call
 * with the provider's own exception, which the engine's retry policy judges as usual. A stream that
 * breaks off after some text throws {@link StreamCutException}: the call is charged what was
 * reserved for it and not retried. A call interrupted (its timeout, the run cancelled) cancels the
 * stream when the provider's client offers a handle for it.
 */
public final class StreamingModel implements ChatModel {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(StreamingModel.class);

  private final StreamingChatModel delegate;

  /** Wraps {@code delegate}. */
  public StreamingModel(StreamingChatModel delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The wrapped streaming model. */
  public StreamingChatModel delegate() {
    return delegate;
  }

  @Override
  public ChatRequestParameters defaultRequestParameters() {
    return delegate.defaultRequestParameters();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return stream(request, t -> {});
  }

  /**
   * Streams {@code request}, handing every piece of text to {@code onText} as it arrives (a {@code
   * onText} that throws is logged and ignored), and returns the complete response.
   *
   * @throws StreamCutException when the stream broke off after some text had arrived
   */
  public ChatResponse stream(ChatRequest request, Consumer<String> onText) {
    Objects.requireNonNull(onText, "onText");
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    StringBuilder text = new StringBuilder();
    StreamingHandle[] handle = new StreamingHandle[1];
    delegate.chat(
        request,
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            synchronized (handle) {
              handle[0] = context.streamingHandle();
            }
            onPartialResponse(partial.text());
          }

          @Override
          public void onPartialResponse(String partial) {
            if (partial == null || partial.isEmpty()) return;
            synchronized (text) {
              text.append(partial);
            }
            try {
              onText.accept(partial);
            } catch (RuntimeException e) {
              LOG.warn("a stream's text handler failed: {}", e.toString());
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        });
    try {
      return done.get();
    } catch (InterruptedException e) {
      synchronized (handle) {
        if (handle[0] != null) handle[0].cancel();
      }
      Thread.currentThread().interrupt();
      throw failure(text, e);
    } catch (ExecutionException e) {
      throw failure(text, e.getCause());
    }
  }

  private static RuntimeException failure(StringBuilder text, Throwable cause) {
    String partial;
    synchronized (text) {
      partial = text.toString();
    }
    if (!partial.isEmpty()) return new StreamCutException(partial, cause);
    if (cause instanceof RuntimeException re) return re;
    if (cause instanceof Error err) throw err;
    return new IllegalStateException("the stream failed before any text arrived: " + cause, cause);
  }
}
