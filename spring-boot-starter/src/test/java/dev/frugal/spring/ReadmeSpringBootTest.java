package dev.frugal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.Agent;
import dev.frugal.core.budget.Money;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The README's "Spring Boot" section holds: its properties start the starter's context, and its
 * Java example compiles against the starter and Spring MVC with only the imports a user would
 * write.
 */
class ReadmeSpringBootTest {
  private static final String IMPORTS =
      String.join(
          "\n",
          "import dev.frugal.spring.*;",
          "import java.util.Optional;",
          "import org.springframework.boot.autoconfigure.SpringBootApplication;",
          "import org.springframework.context.annotation.Bean;",
          "import org.springframework.web.bind.annotation.*;",
          "import org.springframework.web.context.request.*;",
          "");

  @TempDir Path out;

  static List<String> blocks(String language) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("\n## Spring Boot\n");
    assertThat(start).as("README section '## Spring Boot'").isNotNegative();
    int end = readme.indexOf("\n## ", start + 4);
    String text = readme.substring(start, end < 0 ? readme.length() : end);
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (m.find()) found.add(m.group(1));
    assertThat(found).as("```%s blocks in '## Spring Boot'", language).isNotEmpty();
    return found;
  }

  @Test
  void thePropertiesOfTheReadmeStartTheAgent() throws Exception {
    List<String> pairs = new ArrayList<>();
    for (String line : blocks("properties").get(0).split("\n")) {
      if (!line.isBlank()) pairs.add(line.strip());
    }
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
        .withPropertyValues(pairs.toArray(String[]::new))
        .withPropertyValues("OPENAI_API_KEY=sk-test")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              Agent agent = ctx.getBean(Agent.class);
              assertThat(agent.prices().prices("gpt-4o-mini")).isTrue();
              assertThat(agent.budget().usdPicos()).hasValue(Money.picos(0.02));
              assertThat(ctx.getBean(FrugalAgents.class).scope("ann").id())
                  .isEqualTo("user:ann/day");
            });
  }

  @Test
  void theJavaExampleOfTheReadmeCompiles() throws Exception {
    String code = IMPORTS + blocks("java").get(0);
    Matcher name = Pattern.compile("public class (\\w+)").matcher(code);
    assertThat(name.find()).as("the example declares a public class").isTrue();
    JavaFileObject source =
        new SimpleJavaFileObject(
            URI.create("string:///" + name.group(1) + ".java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
          }
        };
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter log = new StringWriter();
    boolean ok =
        javac
            .getTask(
                log,
                null,
                diagnostics,
                List.of(
                    "-d",
                    out.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"),
                    "-proc:none"),
                null,
                List.of(source))
            .call();
    assertThat(ok).as("README example compiles: %s %s", diagnostics.getDiagnostics(), log).isTrue();
    assertThat(out.resolve(name.group(1) + ".class")).exists();
  }
}
