package dev.frugal.core.budget;

import java.util.Set;

/** Thrown when a model has no price and the {@link PriceTable} has no default model price. */
public final class UnknownModelException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  UnknownModelException(String model, Set<String> known) {
    super(
        "no price for model '"
            + model
            + "'; priced models: "
            + known
            + ". Add it to the price table, or set a default model price to price unknown models");
  }
}
