package dev.frugal.tools.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolRegistry.PluginProblem;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads real plug-in jars built here: the sources below are compiled against the test class path
 * and packed with their service files, so each plug-in class exists only inside its jar.
 */
class PluginJarsTest {
  private static final String GOOD =
      """
      package acme.shout;
      import dev.frugal.core.tool.*;
      import dev.langchain4j.agent.tool.ToolSpecification;
      import dev.langchain4j.model.chat.request.json.*;
      import java.util.List;
      public class ShoutProvider implements ToolProvider {
        public List<Tool> tools() {
          return List.of(new Tool() {
            public ToolSpecification specification() {
              return ToolSpecification.builder().name("shout").description("Upper-cases words.")
                  .parameters(JsonObjectSchema.builder()
                      .addProperty("words", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                      .required("words").build()).build();
            }
            public UnitRule unitRule() { return UnitRule.perElement("words", "Word"); }
            public ToolResult execute(ToolCall call) {
              return ToolResult.ok(String.join(" ", call.strings("words")).toUpperCase());
            }
          });
        }
      }
      """;

  private static final String THROWS =
      """
      package acme.fails;
      import dev.frugal.core.tool.*;
      import java.util.List;
      public class FailingProvider implements ToolProvider {
        public List<Tool> tools() { throw new IllegalStateException("no config file found"); }
      }
      """;

  private static final String CLASHES =
      """
      package acme.clash;
      import dev.frugal.core.tool.*;
      import dev.langchain4j.agent.tool.ToolSpecification;
      import java.util.List;
      public class ClashingProvider implements ToolProvider {
        public List<Tool> tools() {
          return List.of(new Tool() {
            public ToolSpecification specification() {
              return ToolSpecification.builder().name("search").description("impostor").build();
            }
            public ToolResult execute(ToolCall call) { return ToolResult.ok("x"); }
          });
        }
      }
      """;

  @TempDir static Path work;
  static Path classes;

  @BeforeAll
  static void compile() throws IOException {
    classes = Files.createDirectories(work.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<JavaFileObject> sources = new ArrayList<>();
    for (Map.Entry<String, String> s :
        Map.of(
                "acme/shout/ShoutProvider", GOOD,
                "acme/fails/FailingProvider", THROWS,
                "acme/clash/ClashingProvider", CLASHES)
            .entrySet()) {
      sources.add(
          new SimpleJavaFileObject(
              URI.create("string:///" + s.getKey() + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
              return s.getValue();
            }
          });
    }
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  null,
                  List.of(
                      "-d",
                      classes.toString(),
                      "-classpath",
                      System.getProperty("java.class.path"),
                      "--release",
                      "17"),
                  null,
                  sources)
              .call();
      assertThat(ok).as("plug-in fixtures compile").isTrue();
    }
  }

  /** A jar of the classes under {@code pkg} plus the given service file content (null: none). */
  private static Path jar(Path dir, String name, String pkg, String service) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out)) {
      if (pkg != null) {
        Path root = classes.resolve(pkg);
        try (Stream<Path> s = Files.walk(root)) {
          for (Path p : s.filter(Files::isRegularFile).toList()) {
            j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
            j.write(Files.readAllBytes(p));
            j.closeEntry();
          }
        }
      }
      if (service != null) {
        j.putNextEntry(new JarEntry(PluginJars.SERVICE_ENTRY));
        j.write(service.getBytes(StandardCharsets.UTF_8));
        j.closeEntry();
      }
    }
    return jar;
  }

  private static Tool builtInSearch() {
    return new Tool() {
      @Override
      public ToolSpecification specification() {
        return ToolSpecification.builder().name("search").description("built-in").build();
      }

      @Override
      public dev.frugal.core.tool.ToolResult execute(ToolCall call) {
        return dev.frugal.core.tool.ToolResult.ok("built-in");
      }
    };
  }

  @Test
  void aGoodJarLoadsAndBrokenJarsAreReportedByNameWithoutStoppingIt(@TempDir Path dir)
      throws Exception {
    jar(dir, "a-not-a-jar.jar", null, null);
    Files.writeString(dir.resolve("a-not-a-jar.jar"), "this is not a zip file");
    jar(dir, "b-missing-class.jar", null, "acme.gone.MissingProvider\n");
    jar(dir, "c-no-service.jar", "acme/shout", null);
    jar(dir, "d-throws.jar", "acme/fails", "acme.fails.FailingProvider\n");
    jar(dir, "e-clash.jar", "acme/clash", "acme.clash.ClashingProvider\n");
    jar(dir, "shout.jar", "acme/shout", "# a comment\nacme.shout.ShoutProvider\n");
    Files.writeString(dir.resolve("README.txt"), "not a jar, ignored");

    try (PluginJars plugins = PluginJars.scan(dir)) {
      ToolRegistry registry = plugins.addTo(ToolRegistry.builder().add(builtInSearch())).build();

      assertThat(registry.names()).containsExactly("search", "shout");
      Tool shout = registry.tools().get(1);
      assertThat(shout.unitRule().describe()).isEqualTo("1 Word unit per element of 'words'");
      assertThat(shout.getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());
      assertThat(plugins.sourceOf(shout)).isEqualTo("shout.jar");
      assertThat(plugins.sourceOf(registry.tools().get(0))).isNull();
      var args = new ObjectMapper().readTree("{\"words\":[\"budget\",\"aware\"]}");
      assertThat(shout.execute(new ToolCall("c", "shout", args)).text()).isEqualTo("BUDGET AWARE");

      List<PluginProblem> problems = plugins.allProblems(registry);
      assertThat(problems)
          .extracting(PluginProblem::source)
          .containsExactly(
              "a-not-a-jar.jar",
              "c-no-service.jar",
              "b-missing-class.jar",
              "d-throws.jar",
              "e-clash.jar");
      assertThat(problems.get(0).message()).startsWith("is not a readable jar");
      assertThat(problems.get(1).message()).contains("declares no tool provider");
      assertThat(problems.get(2).message()).contains("acme.gone.MissingProvider");
      assertThat(problems.get(3).message())
          .contains("acme.fails.FailingProvider")
          .contains("no config file found");
      assertThat(problems.get(4).message()).contains("a tool named 'search' is already registered");
      assertThat(plugins.jars())
          .extracting(p -> p.getFileName().toString())
          .containsExactly("b-missing-class.jar", "d-throws.jar", "e-clash.jar", "shout.jar");
    }
  }

  @Test
  void aMissingFolderIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> PluginJars.scan(dir.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist or is not a folder");
  }

  @Test
  void anEmptyFolderLoadsNothing(@TempDir Path dir) {
    try (PluginJars plugins = PluginJars.scan(dir)) {
      assertThat(plugins.jars()).isEmpty();
      assertThat(plugins.addTo(ToolRegistry.builder()).build().isEmpty()).isTrue();
      assertThat(UnitRule.perCall().describe()).isEqualTo("1 unit per call");
    }
  }
}
