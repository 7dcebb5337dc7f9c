package dev.frugal.testbed.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mean and sample standard deviation of per-seed values, worked by hand. */
class SampleTest {

  @Test
  void meanAndSampleSdOfFourValues() {
    double[] xs = {1, 2, 3, 4};
    assertThat(Sample.mean(xs)).isEqualTo(2.5);
    // squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, over n - 1 = 3
    assertThat(Sample.sd(xs)).isCloseTo(Math.sqrt(5.0 / 3.0), within(1e-12));
  }

  @Test
  void emptyAndSingleSamplesGiveZeroNotNaN() {
    assertThat(Sample.mean(new double[0])).isZero();
    assertThat(Sample.sd(new double[0])).isZero();
    assertThat(Sample.mean(new double[] {0.7})).isEqualTo(0.7);
    assertThat(Sample.sd(new double[] {0.7})).isZero();
  }
}
