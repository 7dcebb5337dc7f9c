package dev.frugal.core;

import java.util.List;

/**
 * Picks the model for each call of a run; the router module plugs in here. Called from the run's
 * threads; implementations must be thread-safe. The engine never lets the chosen model spend beyond
 * a cap: a choice the budget cannot pay for is refused by the ledger.
 */
public interface ModelSelector {

  /** The model for the call described by {@code selection}. */
  NamedModel select(ModelSelection selection);

  /** Every model this selector may return (used to size the final-answer reserve). */
  List<NamedModel> models();

  /** Always the same model. */
  static ModelSelector fixed(NamedModel model) {
    return new ModelSelector() {
      @Override
      public NamedModel select(ModelSelection selection) {
        return model;
      }

      @Override
      public List<NamedModel> models() {
        return List.of(model);
      }
    };
  }
}
