package dev.frugal.core;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.PriceTable;
import java.util.List;

/**
 * The checks that every name a setting gives (budget caps, per-tool timeouts, per-model token
 * counters, declared prices) is a tool or model the agent has, so that a misspelling fails when the
 * agent (or a conversation) is built instead of leaving a cap that never binds or a price that
 * never applies.
 */
final class AgentChecks {
  private AgentChecks() {}

  /**
   * Refuses a cap of {@code budget} (called {@code what} in the message) on a tool or model not in
   * {@code tools} / {@code models}.
   */
  static void caps(
      Budget budget,
      String what,
      java.util.Collection<String> tools,
      java.util.Set<String> models) {
    java.util.Set<String> toolNames = new java.util.TreeSet<>(tools);
    for (String tool : new java.util.TreeSet<>(budget.toolUnitCaps().keySet())) {
      if (!toolNames.contains(tool)) {
        throw new IllegalStateException(
            what
                + " caps tool units of '"
                + tool
                + "' but the agent has no tool of that name; its tools are "
                + (toolNames.isEmpty() ? "(none)" : String.join(", ", toolNames)));
      }
    }
    for (String model : new java.util.TreeSet<>(budget.modelCallCaps().keySet())) {
      if (!models.contains(model)) {
        throw new IllegalStateException(
            what
                + " caps calls to model '"
                + model
                + "' but the agent has no model of that name; its models are "
                + String.join(", ", new java.util.TreeSet<>(models)));
      }
    }
  }

  /**
   * Every setting that names a tool or a model (budget caps, per-tool timeouts, per-model token
   * counters, declared tool and model prices) names one this agent has.
   */
  static void names(
      java.util.Collection<String> tools,
      java.util.Set<String> models,
      Budget budget,
      PriceTable prices,
      java.util.Set<String> tokenCounterModels,
      java.util.Set<String> toolTimeoutTools) {
    java.util.Set<String> toolNames = new java.util.TreeSet<>(tools);
    java.util.Set<String> modelNames = new java.util.TreeSet<>(models);
    caps(budget, "the budget", toolNames, modelNames);
    for (String m : tokenCounterModels) {
      if (!modelNames.contains(m)) {
        throw new IllegalStateException(
            "tokenCounter(\""
                + m
                + "\", ...) names no model of this agent; its models are "
                + modelNames);
      }
    }
    for (String tool : toolTimeoutTools) {
      if (!toolNames.contains(tool)) {
        throw new IllegalStateException(
            "toolTimeout(\""
                + tool
                + "\", ...) names no tool of this agent; its tools are "
                + toolNames);
      }
    }
    // a price for a name the agent does not have, while one of its tools or models falls back
    // to the default price, is a misspelling that leaves the real one at the default: refused
    // like a misspelled cap. (A table shared by several agents may price names one agent lacks;
    // that changes no cost as long as every tool and model of the agent is priced by name.)
    List<String> defaultedTools =
        toolNames.stream().filter(t -> !prices.toolPrice(t).declared()).toList();
    if (!defaultedTools.isEmpty()) {
      for (String tool : prices.toolPrices().keySet()) {
        if (!toolNames.contains(tool)) {
          throw new IllegalStateException(
              "the price table prices tool '"
                  + tool
                  + "' but the agent has no tool of that name, and its "
                  + (defaultedTools.size() == 1 ? "tool " : "tools ")
                  + String.join(", ", defaultedTools)
                  + (defaultedTools.size() == 1 ? " has" : " have")
                  + " no declared price (they would cost the default $"
                  + dev.frugal.core.budget.Money.format(
                      dev.frugal.core.budget.Money.picos(prices.defaultToolUnitUsd()))
                  + " per unit); its tools are "
                  + String.join(", ", toolNames));
        }
      }
    }
    List<String> defaultedModels =
        modelNames.stream().filter(m -> !prices.models().containsKey(m)).toList();
    if (!defaultedModels.isEmpty()) {
      for (String model : new java.util.TreeSet<>(prices.models().keySet())) {
        if (!modelNames.contains(model)) {
          throw new IllegalStateException(
              "the price table prices model '"
                  + model
                  + "' but the agent has no model of that name, and "
                  + String.join(", ", defaultedModels)
                  + " would be charged the default model price; its models are "
                  + String.join(", ", modelNames));
        }
      }
    }
  }
}
