package dev.frugal.core.tool;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How many budget units one call of a tool costs, computed from its (validated) arguments before it
 * runs. For search-like tools every element of the array argument costs one unit, so batching is
 * not a loophole (the BATS paper (arXiv 2511.17006), Budget Tracker).
 */
public interface UnitRule {

  /** The units this call costs; at least 0. */
  long units(JsonNode arguments);

  /** What one unit is called in the Budget Tracker's status block, e.g. {@code "Query"}. */
  String unitLabel();

  /** A one-line description for tool listings, e.g. "1 Query unit per element of 'queries'". */
  String describe();

  /**
   * The array argument whose elements are charged one unit each, when this rule charges per element
   * (so that an overrunning call can be truncated, {@link BatchOverrun#TRUNCATE}); empty otherwise.
   */
  default java.util.Optional<String> perElementParameter() {
    return java.util.Optional.empty();
  }

  /** One unit per call, labelled with the tool's name by the engine. */
  static UnitRule perCall() {
    return perCall(1, null);
  }

  /** {@code units} units per call. */
  static UnitRule perCall(long units, String label) {
    if (units < 0) throw new IllegalArgumentException("units must be >= 0, got " + units);
    return new UnitRule() {
      @Override
      public long units(JsonNode arguments) {
        return units;
      }

      @Override
      public String unitLabel() {
        return label;
      }

      @Override
      public String describe() {
        return units + " unit" + (units == 1 ? "" : "s") + " per call";
      }
    };
  }

  /** One unit per element of the array argument {@code param} (at least one unit per call). */
  static UnitRule perElement(String param, String label) {
    return new UnitRule() {
      @Override
      public long units(JsonNode arguments) {
        JsonNode n = arguments == null ? null : arguments.get(param);
        return n != null && n.isArray() ? Math.max(1, n.size()) : 1;
      }

      @Override
      public java.util.Optional<String> perElementParameter() {
        return java.util.Optional.of(param);
      }

      @Override
      public String unitLabel() {
        return label;
      }

      @Override
      public String describe() {
        return "1 " + (label == null ? "" : label + " ") + "unit per element of '" + param + "'";
      }
    };
  }

  /** Calls are free (not counted against any tool cap). */
  static UnitRule free() {
    return perCall(0, null);
  }
}
