package dev.frugal.testbed.bench;

import java.util.Map;

/**
 * One row of the results: a dataset x strategy x model x budget cell, averaged over its questions
 * per seed, then over seeds; {@code *Sd} is the standard deviation of the per-seed means (the
 * spread a reader should expect from another seed). {@code setting} is the assumption setting the
 * row ran under (0 = the registry's point values; see docs/testbed.md, "Bands") and {@code
 * assumptions} the value of every behavioural parameter of its simulated model(s) there, by name
 * (prefixed with the model name for a routed pair; empty for a real model).
 */
public record ResultRow(
    String dataset,
    String strategy,
    String model,
    boolean simulated,
    int budget,
    int questions,
    int seeds,
    double em,
    double emSd,
    double f1,
    double f1Sd,
    double usd,
    double usdSd,
    double toolUnits,
    double tokens,
    Map<String, Double> callsPerModel,
    double steps,
    int setting,
    Map<String, Double> assumptions) {}
