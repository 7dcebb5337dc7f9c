package dev.frugal.router.policy;

import java.nio.file.Path;

/**
 * Keeps DJL offline. Before the engine first loads, sets the system properties {@code
 * ai.djl.offline} and {@code OPT_OUT_TRACKING} to {@code true} (DJL would otherwise try to download
 * native libraries and report usage) unless the caller set them, and points {@code DJL_CACHE_DIR}
 * (where the bundled native libraries are unpacked, about 430 MB) at {@code ~/.djl.ai} when neither
 * the environment nor a system property chose a folder.
 */
final class DjlEnvironment {
  /** The DJL engine every policy runs on. */
  static final String ENGINE = "PyTorch";

  private static volatile boolean done;

  private DjlEnvironment() {}

  /** What an application adds to run a learned policy (the README's block, CPU natives). */
  static final String DEPENDENCIES =
      "<dependency><groupId>ai.djl</groupId><artifactId>api</artifactId><version>0.36.0</version></dependency>\n"
          + "<dependency><groupId>ai.djl.pytorch</groupId><artifactId>pytorch-engine</artifactId>"
          + "<version>0.36.0</version><scope>runtime</scope></dependency>\n"
          + "<dependency><groupId>ai.djl.pytorch</groupId><artifactId>pytorch-jni</artifactId>"
          + "<version>2.7.1-0.36.0</version><scope>runtime</scope></dependency>\n"
          + "<dependency><groupId>ai.djl.pytorch</groupId><artifactId>pytorch-native-cpu</artifactId>"
          + "<version>2.7.1</version><classifier>linux-x86_64</classifier><scope>runtime</scope></dependency>";

  /**
   * Checks that DJL's API is on the classpath (in {@code router} it is an optional dependency, so a
   * project that routes with the heuristic policies has none).
   *
   * @throws IllegalStateException naming the dependencies to add, when DJL is missing
   */
  static void requireDjl() {
    try {
      Class.forName("ai.djl.nn.Block", false, DjlEnvironment.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          "a learned router needs DJL and its PyTorch engine, which are optional dependencies of"
              + " dev.frugal:router and not on this classpath; add to your pom (for a GPU, the CUDA"
              + " build of pytorch-native instead of the CPU one; see the README's \"Routing\""
              + " section):\n"
              + DEPENDENCIES,
          e);
    }
  }

  /** Sets the offline properties once; cheap to call again. */
  static void ensureOffline() {
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
