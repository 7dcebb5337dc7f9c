package dev.frugal.examples.bench;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.ModelPrice;

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
}
