package dev.frugal.memory.model;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.PriceTable;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The small, mid and large models the memory tiers call and the prices they are charged at. Every
 * model must be priced by {@code prices}.
 */
public record MemoryModels(Map<ModelSize, NamedModel> models, PriceTable prices) {
  /** Checks that the prices are given and copies the models. */
  public MemoryModels {
    Objects.requireNonNull(prices, "prices");
    models = Map.copyOf(new EnumMap<>(Objects.requireNonNull(models, "models")));
    for (ModelSize s : ModelSize.values()) {
      NamedModel m = models.get(s);
      if (m == null) {
        throw new IllegalArgumentException(
            "no " + s + " model: the memory tiers need SMALL, MID and LARGE (one may repeat)");
      }
      if (!prices.prices(m.name()) && prices.defaultModel().isEmpty()) {
        throw new IllegalArgumentException(
            "model '" + m.name() + "' (" + s + ") has no price; add it to the price table");
      }
    }
  }

  /** The model of {@code size}. */
  public NamedModel model(ModelSize size) {
    return models.get(size);
  }
}
