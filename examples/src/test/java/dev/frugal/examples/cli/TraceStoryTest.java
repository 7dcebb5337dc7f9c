package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.trace.RunEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code trace show} tells a BATS run's story: attempts, decisions, and why it ended. */
class TraceStoryTest {

  @Test
  void notesAreCountedDecisionsTalliedAndTheEndingQuoted() {
    List<RunEvent> events =
        List.of(
            new RunEvent.Note("r1", 0, "attempt", "attempt 1 starts from the question"),
            new RunEvent.Note("r1", 3, "verify", "attempt 1: PIVOT (0/2 satisfied)"),
            new RunEvent.Note("r1", 3, "attempt", "attempt 2 starts from the notes of attempt 1"),
            new RunEvent.Note("r1", 6, "verify", "attempt 2: SUCCESS (2/2 satisfied)"),
            new RunEvent.Note("r1", 6, "stop", "early stop: attempt 2 verified SUCCESS"),
            new RunEvent.Note("r1", 6, "select", "one distinct candidate: Paris"));

    String story = TraceCommand.Show.story(events);

    assertThat(story)
        .isEqualTo(
            "run r1 strategy notes: {attempt=2, select=1, stop=1, verify=2}\n"
                + "  verifications: {PIVOT=1, SUCCESS=1}\n"
                + "  stop: early stop: attempt 2 verified SUCCESS\n"
                + "  select: one distinct candidate: Paris\n");
    assertThat(TraceCommand.Show.line(events.get(1)))
        .isEqualTo("  step  3  VERIFY   attempt 1: PIVOT (0/2 satisfied)");
    assertThat(TraceCommand.Show.story(List.of())).isEmpty();
  }
}
