package dev.frugal.router.policy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Where a policy network runs. {@code auto} (the default) takes the first GPU when DJL's PyTorch
 * engine sees one and the CPU otherwise; {@code cpu}, {@code gpu} or {@code gpu:N} force a device.
 * The choice may also come from the system property {@code frugal.device} or the environment
 * variable {@code FRUGAL_DEVICE}, in that order, when the caller passes none.
 */
public final class Devices {
  /** The system property that overrides the device. */
  public static final String PROPERTY = "frugal.device";

  private Devices() {}

  /** The device named by the property or environment, else {@code auto}. */
  public static Device configured() {
    String v = System.getProperty(PROPERTY);
    if (v == null || v.isBlank()) v = System.getenv("FRUGAL_DEVICE");
    return choose(v == null || v.isBlank() ? "auto" : v);
  }

  /**
   * The device {@code spec} names.
   *
   * @throws IllegalArgumentException for a spec other than auto, cpu, gpu or gpu:N, or a GPU that
   *     DJL does not see
   */
  public static Device choose(String spec) {
    DjlEnvironment.ensureOffline();
    String s = spec == null ? "auto" : spec.trim().toLowerCase(Locale.ROOT);
    int gpus = Engine.getEngine(DjlEnvironment.ENGINE).getGpuCount();
    if (s.equals("auto")) return gpus > 0 ? Device.gpu() : Device.cpu();
    if (s.equals("cpu")) return Device.cpu();
    int id = -1;
    if (s.equals("gpu")) {
      id = 0;
    } else if (s.startsWith("gpu:")) {
      try {
        id = Integer.parseInt(s.substring(4));
      } catch (NumberFormatException e) {
        id = -1;
      }
    }
    if (id < 0) {
      throw new IllegalArgumentException(
          "unknown device '" + spec + "'; valid: auto, cpu, gpu, gpu:N");
    }
    if (id >= gpus) {
      throw new IllegalArgumentException(
          "device '"
              + spec
              + "' asked for, but DJL's PyTorch engine sees "
              + gpus
              + " GPU(s); use auto or cpu");
    }
    return Device.gpu(id);
  }
}
