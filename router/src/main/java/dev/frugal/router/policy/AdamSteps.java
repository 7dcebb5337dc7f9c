package dev.frugal.router.policy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/** What the project's DJL networks share when they train: an Adam trainer and its step. */
final class AdamSteps {
  private AdamSteps() {}

  /**
   * A new Adam trainer for {@code model} at a fixed learning rate. Parameters read by {@code
   * loadParameters} come back without gradients; training needs them, so they are turned on first.
   */
  static Trainer trainer(Model model, Loss loss, float learningRate, Device device) {
    model
        .getBlock()
        .getParameters()
        .values()
        .forEach(
            p -> {
              if (!p.getArray().hasGradient()) p.getArray().setRequiresGradient(true);
            });
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(loss)
            .optOptimizer(
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(learningRate)).build())
            .optDevices(new Device[] {device});
    return model.newTrainer(config);
  }

  /**
   * One optimiser step. DJL refuses a step whose gradients are all zero (a saturated policy on this
   * batch): there is nothing to learn from it, so it is skipped.
   */
  static void step(Trainer trainer) {
    try {
      trainer.step();
    } catch (IllegalStateException e) {
      if (!String.valueOf(e.getMessage()).contains("Gradient values are all zeros")) throw e;
    }
  }
}
