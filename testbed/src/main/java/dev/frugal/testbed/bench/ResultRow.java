package dev.frugal.testbed.bench;

import java.util.Map;

/**
 * One row of the results: a dataset x strategy x model x budget cell, averaged over its questions
 * per seed, then over seeds; {@code *Sd} is the standard deviation of the per-seed means (the
 * spread a reader should expect from another seed).
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
    double steps) {}
