package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SimProfileTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void bundledProfilesCarryEveryNumberWithASource() {
    for (SimProfile p : new SimProfile[] {SimProfile.small(), SimProfile.large()}) {
      assertThat(p.modelName()).startsWith("sim-");
      assertThat(p.description()).contains("simulation");
      assertThat(p.pricing().source()).contains("openai.com");
      for (SimParameter param : SimParameter.values()) {
        assertThat(p.source(param)).as(p.modelName() + " " + param.key()).isNotBlank();
      }
    }
    assertThat(SimProfile.small().pricing().model()).isEqualTo("gpt-4o-mini");
    assertThat(SimProfile.small().pricing().price().inputPerMillion()).isEqualTo(0.15);
    assertThat(SimProfile.large().pricing().price().outputPerMillion()).isEqualTo(10.0);
  }

  @Test
  void theLargeProfileIsMoreSkilledThanTheSmallOne() {
    SimProfile small = SimProfile.small();
    SimProfile large = SimProfile.large();
    for (SimParameter p :
        new SimParameter[] {
          SimParameter.READ_SKILL, SimParameter.QUERY_FOCUS, SimParameter.PATIENCE
        }) {
      assertThat(large.value(p)).as(p.key()).isGreaterThan(small.value(p));
    }
    for (SimParameter p :
        new SimParameter[] {
          SimParameter.DIFFICULTY_WEIGHT,
          SimParameter.OPEN_NOISE,
          SimParameter.SLIP_RATE,
          SimParameter.PREMATURE_ANSWER,
          SimParameter.VERIFY_MISS,
          SimParameter.OVERCONFIDENCE,
          SimParameter.JUDGE_NOISE
        }) {
      assertThat(large.value(p)).as(p.key()).isLessThan(small.value(p));
    }
  }

  /**
   * Pins the bundled (calibrated) values: a profile is fixed before strategies are compared and
   * never tuned after seeing a strategy's result (docs/testbed.md); changing one is a deliberate,
   * reviewed act that must also update this test and the calibration note.
   */
  @Test
  void theBundledProfileValuesArePinned() {
    assertThat(values(SimProfile.small()))
        .isEqualTo(
            "readSkill=0.92 difficultyWeight=0.18 queryFocus=0.8 openNoise=0.5 slipRate=0.12"
                + " slipCorrelation=0.7 patience=5.0 patienceLowBudget=1.0 prematureAnswer=0.06"
                + " queriesPerCall=3.0 thoughtTokens=120.0 latencyMs=700.0 verifyMiss=0.2"
                + " overconfidence=0.35 critiqueNoise=0.3 judgeNoise=1.0 misread=0.15"
                + " memoryRecall=0.08 summaryLoss=0.3 trackerAdherence=0.5 decompositionError=0.25"
                + " complexityNoise=1.0");
    assertThat(values(SimProfile.large()))
        .isEqualTo(
            "readSkill=0.97 difficultyWeight=0.06 queryFocus=0.9 openNoise=0.3 slipRate=0.08"
                + " slipCorrelation=0.7 patience=6.0 patienceLowBudget=1.0 prematureAnswer=0.04"
                + " queriesPerCall=3.0 thoughtTokens=160.0 latencyMs=1500.0 verifyMiss=0.1"
                + " overconfidence=0.2 critiqueNoise=0.15 judgeNoise=0.5 misread=0.08"
                + " memoryRecall=0.15 summaryLoss=0.15 trackerAdherence=0.5 decompositionError=0.1"
                + " complexityNoise=0.5");
    for (SimProfile p : new SimProfile[] {SimProfile.small(), SimProfile.large()}) {
      for (SimParameter param : SimParameter.values()) {
        String source = p.source(param);
        assertThat(
                source.startsWith("assumption")
                    || source.contains("CALIBRATION.md")
                    || source.contains("CALIBRATION anchors"))
            .as(
                p.modelName()
                    + " "
                    + param.key()
                    + " cites a CALIBRATION.md row or says assumption")
            .isTrue();
      }
    }
  }

  private static String values(SimProfile p) {
    StringBuilder sb = new StringBuilder();
    for (SimParameter param : SimParameter.values()) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(param.key()).append('=').append(p.value(param));
    }
    return sb.toString();
  }

  @Test
  void aProbabilityOutsideZeroToOneIsRejectedWithTheParameterName() throws IOException {
    ObjectNode doc = bundled("sim-small");
    ((ObjectNode) doc.get("behaviour").get("readSkill")).put("value", 1.3);

    assertThatThrownBy(() -> parse(doc))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("readSkill")
        .hasMessageContaining("[0, 1]")
        .hasMessageContaining("1.3");
  }

  @Test
  void aMissingParameterOrSourceIsNamed() throws IOException {
    ObjectNode noParam = bundled("sim-small");
    ((ObjectNode) noParam.get("behaviour")).remove("slipRate");
    assertThatThrownBy(() -> parse(noParam))
        .hasMessageContaining("behaviour.slipRate is missing")
        .hasMessageContaining("\"source\"");

    ObjectNode noSource = bundled("sim-small");
    ((ObjectNode) noSource.get("behaviour").get("patience")).remove("source");
    assertThatThrownBy(() -> parse(noSource))
        .hasMessageContaining("patience")
        .hasMessageContaining("source");
  }

  @Test
  void anUnknownParameterIsRejectedListingTheValidOnes() throws IOException {
    ObjectNode doc = bundled("sim-small");
    ((ObjectNode) doc.get("behaviour")).putObject("readSkil").put("value", 0.5).put("source", "x");

    assertThatThrownBy(() -> parse(doc))
        .hasMessageContaining("unknown behaviour parameter(s) [readSkil]")
        .hasMessageContaining("readSkill");
  }

  @Test
  void countsMustBeWholeNumbers() throws IOException {
    ObjectNode doc = bundled("sim-small");
    ((ObjectNode) doc.get("behaviour").get("queriesPerCall")).put("value", 2.5);
    assertThatThrownBy(() -> parse(doc))
        .hasMessageContaining("queriesPerCall")
        .hasMessageContaining("whole number");
  }

  @Test
  void anUnknownBundledNameSaysWhichExist() {
    assertThatThrownBy(() -> SimProfile.resource("sim-huge"))
        .hasMessageContaining("sim-huge")
        .hasMessageContaining("sim-small, sim-large");
  }

  @Test
  void withChangesOneNumberAndKeepsTheRest() {
    SimProfile p = SimProfile.small().with(SimParameter.READ_SKILL, 0.1, "test: a poor reader");
    assertThat(p.value(SimParameter.READ_SKILL)).isEqualTo(0.1);
    assertThat(p.source(SimParameter.READ_SKILL)).isEqualTo("test: a poor reader");
    assertThat(p.value(SimParameter.SLIP_RATE))
        .isEqualTo(SimProfile.small().value(SimParameter.SLIP_RATE));
    assertThatThrownBy(() -> SimProfile.small().with(SimParameter.SLIP_RATE, -0.1, "bad"))
        .hasMessageContaining("slipRate");
  }

  private static ObjectNode bundled(String name) throws IOException {
    try (InputStream in =
        SimProfile.class.getResourceAsStream("/dev/frugal/testbed/sim/" + name + ".json")) {
      return (ObjectNode) JSON.readTree(in);
    }
  }

  private static SimProfile parse(ObjectNode doc) throws IOException {
    byte[] bytes = JSON.writeValueAsString(doc).getBytes(StandardCharsets.UTF_8);
    return SimProfile.parse(new ByteArrayInputStream(bytes), "test-profile.json");
  }
}
