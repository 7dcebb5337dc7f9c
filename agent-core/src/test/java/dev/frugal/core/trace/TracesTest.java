package dev.frugal.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracesTest {
  @TempDir Path dir;

  List<RunEvent> run() {
    return List.of(
        new RunEvent.RunStarted("r1", "Who?", "react+tracker", Map.of("tool units of 'search'", 5)),
        new RunEvent.ModelCalled("r1", 1, "step", "m", 100, 0, 10, 0.0002, 3, 1),
        new RunEvent.ToolCalled(
            "r1", 1, "search", "{\"queries\":[\"x\"]}", 1, 0.001, "ok", null, 40),
        new RunEvent.ToolCalled(
            "r1", 2, "search", "{\"queries\":[\"x\"]}", 0, 0, "repeat", "same as step 1", 0),
        new RunEvent.AnswerGiven("r1", 2, "Shirley Temple", false),
        new RunEvent.RunFinished(
            "r1", "answered", "Shirley Temple", 0.0012, 100, 10, Map.of("search", 1L), 2, 9));
  }

  @Test
  void writtenTraceReadsBackEventForEventAndSummarises() {
    Path f = dir.resolve("t/trace.jsonl");
    try (TraceWriter w = TraceWriter.open(f)) {
      run().forEach(w::onEvent);
    }
    List<RunEvent> back = Traces.read(f);
    assertThat(back).isEqualTo(run());
    TraceSummary.Run s = TraceSummary.of(back).runs().get(0);
    assertThat(s.modelCalls()).containsEntry("m", 1L);
    assertThat(s.toolUnits()).containsEntry("search", 1L);
    assertThat(s.repeats()).isEqualTo(1);
    assertThat(s.usd()).isCloseTo(0.0012, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(TraceSummary.of(back).render())
        .contains("answer:   Shirley Temple")
        .contains("stopped:  answered");
  }

  @Test
  void aCorruptLineIsAnErrorNamingTheLine() throws Exception {
    Path f = dir.resolve("bad.jsonl");
    Files.writeString(
        f, Traces.toJson(run().get(0)) + "\n\n{\"type\":\"model_called\",\"step\": \"x\n");
    assertThatThrownBy(() -> Traces.read(f))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageStartingWith(f + " line 3: not a trace event");
    Files.writeString(f, "{\"type\":\"teleported\"}\n");
    assertThatThrownBy(() -> Traces.read(f)).hasMessageStartingWith(f + " line 1:");
  }

  @Test
  void aNullLineANonObjectAndAnEventWithoutItsFieldsAreErrorsNamingTheLine() throws Exception {
    Path f = dir.resolve("odd.jsonl");
    String good = Traces.toJson(run().get(0));
    Files.writeString(f, good + "\nnull\n");
    assertThatThrownBy(() -> Traces.read(f))
        .isInstanceOf(TraceFormatException.class)
        .hasMessageStartingWith(f + " line 2: not a trace event (found null)");
    Files.writeString(f, "[1,2]\n");
    assertThatThrownBy(() -> Traces.read(f)).hasMessageStartingWith(f + " line 1:");
    Files.writeString(f, good + "\n{\"runId\":\"r1\",\"step\":1}\n");
    assertThatThrownBy(() -> Traces.read(f))
        .hasMessageStartingWith(f + " line 2: not a trace event (no \"type\")");
    Files.writeString(f, "\n\n{\"type\":\"model_called\",\"runId\":\"r1\",\"step\":1}\n");
    assertThatThrownBy(() -> Traces.read(f))
        .hasMessage(
            f
                + " line 3: a model_called event without model, purpose; every model_called event"
                + " carries model, purpose");
    Files.writeString(f, "{\"type\":\"note\",\"runId\":\"r1\",\"kind\":\"node\"}\n");
    assertThatThrownBy(() -> Traces.read(f)).hasMessageContaining("a note event without text");
  }

  @Test
  void eventsWithoutARunIdStillReadAndAreGroupedTogether() throws Exception {
    Path f = dir.resolve("old.jsonl");
    Files.writeString(
        f,
        "{\"type\":\"run_started\",\"question\":\"Who?\",\"strategy\":\"react\"}\n"
            + "{\"type\":\"run_finished\",\"stopReason\":\"answered\",\"answer\":\"x\"}\n");

    List<TraceLine> lines = Traces.readLines(f);

    assertThat(lines).extracting(TraceLine::number).containsExactly(1, 2);
    assertThat(lines).allMatch(l -> l.event().runId().equals(Traces.NO_RUN_ID));
    assertThat(TraceSummary.of(Traces.read(f)).runs()).hasSize(1);
  }
}
