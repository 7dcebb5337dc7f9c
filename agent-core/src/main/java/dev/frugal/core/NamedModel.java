package dev.frugal.core;

import dev.langchain4j.model.chat.ChatModel;
import java.util.Objects;

/**
 * A LangChain4j model with the name it is priced and capped by (a key of the {@link
 * dev.frugal.core.budget.PriceTable}).
 */
public record NamedModel(String name, ChatModel model) {
  /** Checks the name and the model. */
  public NamedModel {
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("model name must not be blank");
    Objects.requireNonNull(model, "model");
  }
}
