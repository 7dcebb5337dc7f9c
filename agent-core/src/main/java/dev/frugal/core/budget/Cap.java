package dev.frugal.core.budget;

/** One limit of a {@link Budget}: the thing a refusal or an exhausted run names. */
public sealed interface Cap {

  /** A human-readable name, e.g. {@code "tool units of 'search'"}. */
  String describe();

  /** Units of one tool. */
  record ToolUnits(String tool) implements Cap {
    @Override
    public String describe() {
      return "tool units of '" + tool + "'";
    }
  }

  /** Input (prompt) tokens over all models. */
  record InputTokens() implements Cap {
    @Override
    public String describe() {
      return "input tokens";
    }
  }

  /** Output (completion) tokens over all models. */
  record OutputTokens() implements Cap {
    @Override
    public String describe() {
      return "output tokens";
    }
  }

  /** Input plus output tokens over all models. */
  record TotalTokens() implements Cap {
    @Override
    public String describe() {
      return "total tokens";
    }
  }

  /** Unified cost in US dollars (tokens plus tool units, priced by the {@link PriceTable}). */
  record Usd() implements Cap {
    @Override
    public String describe() {
      return "USD";
    }
  }

  /** The number of calls to one model. */
  record ModelCalls(String model) implements Cap {
    @Override
    public String describe() {
      return "calls to model '" + model + "'";
    }
  }
}
