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
