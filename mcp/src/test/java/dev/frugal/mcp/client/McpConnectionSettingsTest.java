package dev.frugal.mcp.client;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class McpConnectionSettingsTest {
  final McpServerSpec spec = McpServerSpec.parse("demo=java -version");

  @Test
  void settingsForToolsTheServerLacksAreRejectedWithItsToolNames() {
    assertThatThrownBy(
            () ->
                McpConnection.Builder.checkNamed(
                    "units", Set.of("demo_serch"), List.of("demo_open", "demo_search"), "demo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "units set for [demo_serch], which MCP server 'demo' does not have; its tools:"
                + " [demo_open, demo_search]");
    assertThatCode(
            () ->
                McpConnection.Builder.checkNamed(
                    "units", Set.of("demo_open"), List.of("demo_open"), "demo"))
        .doesNotThrowAnyException();
  }

  @Test
  void badUnitsAndTimeoutsSayWhatIsValid() {
    assertThatThrownBy(() -> McpConnection.builder(spec).units("demo_x", -1))
        .hasMessage("units for 'demo_x' must be 0 or more per call, got -1");
    assertThatThrownBy(() -> McpConnection.builder(spec).timeout(Duration.ZERO))
        .hasMessage("timeout must be a positive duration, got PT0S");
    assertThatThrownBy(() -> McpConnection.builder(spec).timeout("demo_x", Duration.ofSeconds(-1)))
        .hasMessage("timeout of demo_x must be a positive duration, got PT-1S");
  }
}
