package dev.frugal.core.intercept;

import dev.langchain4j.model.chat.response.ChatResponse;

/** Wraps model calls; see the package documentation. */
@FunctionalInterface
public interface ModelInterceptor {

  /** Handles one model call, usually by passing it on with {@code chain.proceed(...)}. */
  ChatResponse intercept(Chain chain);

  /** The rest of the chain. */
  interface Chain {
    /** The call as it reached this link. */
    ModelCall call();

    /** Passes {@code call} to the next link; the innermost link reserves, calls and settles. */
    ChatResponse proceed(ModelCall call);
  }
}
