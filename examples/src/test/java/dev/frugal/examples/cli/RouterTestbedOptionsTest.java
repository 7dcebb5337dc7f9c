package dev.frugal.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.testbed.router.RouterTestbed;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code router train} and {@code router eval} read the testbed options the same way. */
class RouterTestbedOptionsTest {

  @Test
  void bothCommandsDefaultToTheSameSimulatedPairAndSettings() {
    RouterTrainCommand train = new RouterTrainCommand();
    RouterEvalCommand eval = new RouterEvalCommand();
    new CommandLine(train).parseArgs();
    new CommandLine(eval).parseArgs();

    for (RouterTestbedOptions o : new RouterTestbedOptions[] {train.testbed, eval.testbed}) {
      assertThat(o.small).isEqualTo("sim-small");
      assertThat(o.large).isEqualTo("sim-large");
      assertThat(o.settings()).isEqualTo(new RouterTestbed.Settings("react+tracker", 10, 30));
    }
  }

  @Test
  void flagsReachTheSettings() {
    RouterEvalCommand eval = new RouterEvalCommand();
    new CommandLine(eval)
        .parseArgs(
            "--small",
            "a.json",
            "--large",
            "b.json",
            "--strategy",
            "react",
            "--tool-units",
            "4",
            "--max-steps",
            "12");

    assertThat(eval.testbed.small).isEqualTo("a.json");
    assertThat(eval.testbed.large).isEqualTo("b.json");
    assertThat(eval.testbed.settings()).isEqualTo(new RouterTestbed.Settings("react", 4, 12));
  }
}
