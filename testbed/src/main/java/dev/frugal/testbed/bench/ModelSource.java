package dev.frugal.testbed.bench;

import dev.frugal.core.ModelSelector;
import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.ModelPrice;
import java.util.Map;

/** Where the bench gets the model for one episode: a simulated profile or a real server. */
public interface ModelSource {

  /** The name the model is priced and reported under. */
  String name();

  /** Its price. */
  ModelPrice price();

  /** True for a simulated model; every report says so. */
  boolean simulated();

  /** The model for one episode; simulated models draw their randomness from {@code seed}. */
  NamedModel model(long seed);

  /**
   * What picks the model of every call of one episode: {@link #model} alone by default; a routed
   * pair (see {@code ModelSources.routed}) returns its router.
   */
  default ModelSelector selector(long seed) {
    return ModelSelector.fixed(model(seed));
  }

  /**
   * This source at one assumption setting (docs/testbed.md, "Bands"): each behavioural parameter
   * named in {@code unitDraws} at that fraction of its registry range. A real model has no
   * assumptions and returns itself.
   */
  default ModelSource atSetting(Map<String, Double> unitDraws, int setting) {
    return this;
  }

  /** The value of every behavioural parameter of this source, by name (empty for a real model). */
  default Map<String, Double> assumptions() {
    return Map.of();
  }

  /** The price of every model {@link #selector} may pick, by name. */
  default Map<String, ModelPrice> prices() {
    return Map.of(name(), price());
  }
}
