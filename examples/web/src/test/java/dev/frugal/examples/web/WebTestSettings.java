package dev.frugal.examples.web;

/** Settings the web tests share, so that they share one application context. */
final class WebTestSettings {
  private WebTestSettings() {}

  /**
   * A twentieth of the simulated model's declared latency: runs stay short, and a model call still
   * holds its reservation long enough to be seen in flight.
   */
  static final String LATENCY = "web.sim-latency-scale=0.05";
}
