package dev.frugal.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolRegistryTest {

  static class Calculator {
    @dev.langchain4j.agent.tool.Tool("Adds two integers")
    long add(@P("first addend") long a, @P("second addend") long b) {
      return a + b;
    }

    @dev.langchain4j.agent.tool.Tool("Joins words")
    String join(List<String> words) {
      if (words.isEmpty()) throw new IllegalArgumentException("no words");
      return String.join(" ", words);
    }
  }

  static ToolExecutionRequest req(String name, String args) {
    return ToolExecutionRequest.builder().id("1").name(name).arguments(args).build();
  }

  @Test
  void annotatedMethodsBecomeToolsThatValidateAndRun() throws Exception {
    ToolRegistry r = ToolRegistry.builder().annotated(new Calculator()).build();
    assertThat(r.names()).containsExactly("add", "join");

    ToolRegistry.Prepared ok = r.prepare(req("add", "{\"a\": 2, \"b\": 40}"));
    assertThat(ok).isInstanceOf(ToolRegistry.Prepared.Ready.class);
    ToolRegistry.Prepared.Ready ready = (ToolRegistry.Prepared.Ready) ok;
    assertThat(ready.units()).isEqualTo(1);
    assertThat(ready.tool().execute(ready.call()).text()).isEqualTo("42");

    ToolRegistry.Prepared.Ready join =
        (ToolRegistry.Prepared.Ready) r.prepare(req("join", "{\"words\": []}"));
    ToolResult failed = join.tool().execute(join.call());
    assertThat(failed.error()).isTrue();
    assertThat(failed.text()).isEqualTo("tool 'join' failed: IllegalArgumentException: no words");
  }

  @Test
  void invalidArgumentsAreRejectedWithWhatWouldBeValid() {
    ToolRegistry r = ToolRegistry.builder().annotated(new Calculator()).build();
    assertThat(r.prepare(req("add", "{\"a\": \"two\"}")))
        .isEqualTo(
            new ToolRegistry.Prepared.Rejected(
                "invalid arguments for 'add': missing required argument 'b' (an integer); argument 'a'"
                    + " must be an integer, got the string \"two\". Expected: {\"a\": integer (required),"
                    + " \"b\": integer (required)}"));
    assertThat(r.prepare(req("join", "{\"words\": [1, \"x\"]}")))
        .isEqualTo(
            new ToolRegistry.Prepared.Rejected(
                "invalid arguments for 'join': argument 'words[0]' must be a string, got the number 1."
                    + " Expected: {\"words\": [string] (required)}"));
    assertThat(r.prepare(req("join", "[1,2]")))
        .isEqualTo(
            new ToolRegistry.Prepared.Rejected(
                "invalid arguments for 'join': arguments must be a JSON object, got an array. Expected:"
                    + " {\"words\": [string] (required)}"));
    assertThat(r.prepare(req("nope", "{}")))
        .isEqualTo(
            new ToolRegistry.Prepared.Rejected("unknown tool 'nope'; available tools: add, join"));
  }

  @Test
  void perElementUnitsChargeEveryArrayElement() throws Exception {
    UnitRule rule = UnitRule.perElement("queries", "Query");
    ObjectMapper json = new ObjectMapper();
    assertThat(rule.units(json.readTree("{\"queries\": [\"a\", \"b\", \"c\"]}"))).isEqualTo(3);
    assertThat(rule.units(json.readTree("{\"queries\": []}"))).isEqualTo(1);
    assertThat(rule.describe()).isEqualTo("1 Query unit per element of 'queries'");
  }

  @Test
  void duplicateNamesAreRefused() {
    assertThatThrownBy(
            () -> ToolRegistry.builder().annotated(new Calculator()).annotated(new Calculator()))
        .hasMessageContaining("two tools are named 'add'");
  }

  @Test
  void pluginsLoadThroughServiceLoaderAndABrokenOneIsReportedNotFatal() {
    // src/test/resources/META-INF/services lists GoodPlugin and a class that does not exist.
    ToolRegistry r =
        ToolRegistry.builder().plugins(getClass().getClassLoader(), "test-classpath").build();
    assertThat(r.names()).contains("echo");
    assertThat(r.pluginProblems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.source()).isEqualTo("test-classpath");
              assertThat(p.message()).contains("dev.frugal.core.tool.MissingPlugin");
            });
  }

  /** A plug-in contributing one tool; listed in the test resources' service file. */
  public static final class GoodPlugin implements ToolProvider {
    @Override
    public List<Tool> tools() {
      return List.of(
          new Tool() {
            @Override
            public ToolSpecification specification() {
              return ToolSpecification.builder().name("echo").description("Echoes").build();
            }

            @Override
            public ToolResult execute(ToolCall call) {
              return ToolResult.ok(call.arguments().toString());
            }
          });
    }
  }
}
