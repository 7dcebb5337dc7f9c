package dev.frugal.example.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.frugal.core.Agent;
import dev.frugal.router.RoutedSelector;
import dev.frugal.tools.corpus.CorpusIndex;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each Frugal jar names its module (Automatic-Module-Name), as the module system reads it. Only
 * from {@code mvn verify} on: before {@code package}, the reactor hands this module class folders
 * instead of jars, and the test is skipped.
 */
class ModuleNamesTest {

  @Test
  void everyJarHasAStableModuleName() throws Exception {
    Map<Class<?>, String> expected =
        Map.of(
            Agent.class, "dev.frugal.core",
            CorpusIndex.class, "dev.frugal.tools",
            RoutedSelector.class, "dev.frugal.router");
    for (Map.Entry<Class<?>, String> e : expected.entrySet()) {
      Path location =
          Path.of(e.getKey().getProtectionDomain().getCodeSource().getLocation().toURI());
      assumeTrue(
          Files.isRegularFile(location), "classes come from a folder, not a jar: " + location);
      ModuleReference module = ModuleFinder.of(location).findAll().iterator().next();
      assertThat(module.descriptor().name()).as(location.toString()).isEqualTo(e.getValue());
      assertThat(module.descriptor().isAutomatic()).isTrue();
    }
  }
}
