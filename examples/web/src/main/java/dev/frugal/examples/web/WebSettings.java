package dev.frugal.examples.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The page's own settings ({@code web.*}; docs/web.md, "Settings"): whether the simulated model
 * answers, the default dollar cap of a question, and how much of the simulated model's declared
 * latency is waited out.
 */
@Component
public class WebSettings {
  /** The highest dollar cap one question may ask for. */
  public static final double MAX_USD = 1.0;

  private final boolean simulated;
  private final double defaultUsd;
  private final double simLatencyScale;

  public WebSettings(
      @Value("${web.simulated:true}") boolean simulated,
      @Value("${web.default-usd:" + WebOptions.DEFAULT_USD + "}") double defaultUsd,
      @Value("${web.sim-latency-scale:0.2}") double simLatencyScale) {
    if (!(defaultUsd > 0 && defaultUsd <= MAX_USD)) {
      throw new IllegalArgumentException(
          "web.default-usd must be above 0 and at most " + MAX_USD + ", got " + defaultUsd);
    }
    if (!(simLatencyScale >= 0 && simLatencyScale <= 1)) {
      throw new IllegalArgumentException(
          "web.sim-latency-scale must be 0 (no waiting) to 1 (the profile's latency), got "
              + simLatencyScale);
    }
    this.simulated = simulated;
    this.defaultUsd = defaultUsd;
    this.simLatencyScale = simLatencyScale;
  }

  /** True when the SIMULATED model answers. */
  public boolean simulated() {
    return simulated;
  }

  /** The dollar cap of a question that names none. */
  public double defaultUsd() {
    return defaultUsd;
  }

  /** The part of the simulated model's declared latency that is waited out (0 to 1). */
  public double simLatencyScale() {
    return simLatencyScale;
  }
}
