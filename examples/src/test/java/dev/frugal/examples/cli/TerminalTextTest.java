package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.budget.Budget;
import dev.frugal.core.trace.RunEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Control characters from traces and models are shown escaped, never sent to the terminal. */
class TerminalTextTest {

  @Test
  void controlCharactersAndBidiOverridesAreEscapedAndOrdinaryTextIsKept() {
    assertThat(TerminalText.line("\u001b[31mred\u001b[0m\ttab\r\nnext\u202e\u0085"))
        .isEqualTo("\\u001b[31mred\\u001b[0m\\ttab\\u000d\\nnext\\u202e\\u0085");
    assertThat(TerminalText.lines("two\nlines\u0007")).isEqualTo("two\nlines\\u0007");
    assertThat(TerminalText.line("café, 東京, emoji 😀")).isEqualTo("café, 東京, emoji 😀");
    assertThat(TerminalText.line(null)).isNull();
  }

  @Test
  void progressShowsToolArgumentsFromTheModelEscaped() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    LiveProgress progress =
        new LiveProgress(
            new PrintStream(sink, true, StandardCharsets.UTF_8),
            Budget.builder().toolUnits("search", 10).build());

    progress.onEvent(
        new RunEvent.ToolCalled(
            "r", 1, "search", "{\"q\":\"\u001b[2Jx\"}", 1, 0.001, "ok", null, 10));

    String shown = sink.toString(StandardCharsets.UTF_8);
    assertThat(shown).doesNotContain("\u001b").contains("search ok {\"q\":\"\\u001b[2Jx\"}");
  }
}
