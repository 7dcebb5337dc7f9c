package dev.frugal.core.intercept;

import dev.langchain4j.model.chat.response.ChatResponse;

/** Wraps model calls; see the package documentation. */
@FunctionalInterface
public interface ModelInterceptor {

  ChatResponse intercept(Chain chain);

  /** The rest of the chain. */
  interface Chain {
    ModelCall call();

    /** Passes {@code call} to the next link; the innermost link reserves, calls and settles. */
    ChatResponse proceed(ModelCall call);
  }
}
