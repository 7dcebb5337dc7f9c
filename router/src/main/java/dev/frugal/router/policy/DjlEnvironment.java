package dev.frugal.router.policy;

import java.nio.file.Path;

/**
 * Keeps DJL offline. Before the engine first loads, sets the system properties {@code
 * ai.djl.offline} and {@code OPT_OUT_TRACKING} to {@code true} (DJL would otherwise try to download
 * native libraries and report usage) unless the caller set them, and points {@code DJL_CACHE_DIR}
 * (where the bundled native libraries are unpacked, about 430 MB) at {@code ~/.djl.ai} when neither
 * the environment nor a system property chose a folder.
 */
public final class DjlEnvironment {
  /** The DJL engine every policy runs on. */
  public static final String ENGINE = "PyTorch";

  private static volatile boolean done;

  private DjlEnvironment() {}

  /** Sets the offline properties once; cheap to call again. */
  public static void ensureOffline() {
    if (done) return;
    synchronized (DjlEnvironment.class) {
      if (done) return;
      setIfAbsent("ai.djl.offline", "true");
      setIfAbsent("OPT_OUT_TRACKING", "true");
      if (System.getenv("DJL_CACHE_DIR") == null) {
        setIfAbsent(
            "DJL_CACHE_DIR", Path.of(System.getProperty("user.home"), ".djl.ai").toString());
      }
      done = true;
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null && System.getenv(key) == null) {
      System.setProperty(key, value);
    }
  }
}
