package dev.frugal.examples.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code frugal web}'s flags: what is accepted, and the message for what is not. */
class WebOptionsTest {

  @Test
  void aPortAloneServesTheSimulatedModelOnLoopback() {
    WebOptions o = WebOptions.parse(new String[] {"--port", "8080"});
    assertThat(o.port()).isEqualTo(8080);
    assertThat(o.simulated()).isTrue();
    assertThat(o.properties())
        .containsEntry("server.port", 8080)
        .containsEntry("server.address", "127.0.0.1")
        .containsEntry("frugal.model.name", "sim-large")
        .containsEntry("web.simulated", true)
        .containsEntry("web.default-usd", WebOptions.DEFAULT_USD)
        .doesNotContainKey("frugal.model.base-url");
  }

  @Test
  void aMissingOrBadPortSaysWhatIsValid() {
    assertThatThrownBy(() -> WebOptions.parse(new String[] {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--port N is required")
        .hasMessageContaining("1-65535");
    assertThatThrownBy(() -> WebOptions.parse(new String[] {"--port", "eighty"}))
        .hasMessage("--port must be a whole number 1-65535 (or 0 for any free port), got 'eighty'");
    assertThatThrownBy(() -> WebOptions.parse(new String[] {"--port", "70000"}))
        .hasMessage("--port must be 1-65535 (or 0 for any free port), got 70000");
    assertThatThrownBy(() -> WebOptions.parse(new String[] {"--port"}))
        .hasMessage("--port needs a value (see --help)");
    assertThatThrownBy(() -> WebOptions.parse(new String[] {"--prot", "80"}))
        .hasMessageContaining("unknown argument '--prot'")
        .hasMessageContaining("--port N");
  }

  @Test
  void theRealModelFlagsOfAskConfigureTheStartersModel() {
    WebOptions o =
        WebOptions.parse(
            new String[] {
              "--port=0",
              "--base-url",
              "http://127.0.0.1:11434/v1",
              "--model",
              "llama3.1",
              "--price-in",
              "0",
              "--price-out",
              "0",
              "--usd",
              "0.02"
            });
    assertThat(o.simulated()).isFalse();
    assertThat(o.properties())
        .containsEntry("frugal.model.base-url", "http://127.0.0.1:11434/v1")
        .containsEntry("frugal.model.name", "llama3.1")
        .containsEntry("frugal.prices.input-per-million", 0.0)
        .containsEntry("frugal.prices.output-per-million", 0.0)
        .containsEntry("web.simulated", false)
        .containsEntry("web.default-usd", 0.02);
  }

  @Test
  void anUnpricedRealModelOrAnUnknownSimulatedOneIsRefusedNamingTheFlags() {
    assertThatThrownBy(
            () ->
                WebOptions.parse(
                    new String[] {
                      "--port", "1", "--base-url", "http://127.0.0.1:9/v1", "--model", "house"
                    }))
        .hasMessageContaining("no price for model 'house': give --price-in and --price-out");
    assertThatThrownBy(() -> WebOptions.parse(new String[] {"--port", "1", "--model", "gpt-4o"}))
        .hasMessageContaining("--model must be one of sim-large, sim-small");
    assertThatThrownBy(() -> WebOptions.parse(new String[] {"--port", "1", "--usd", "0"}))
        .hasMessageContaining("--usd must be a number of dollars above 0");
    assertThatThrownBy(() -> WebOptions.parse(new String[] {"--port", "1", "--strategy", "x"}))
        .hasMessageContaining("--strategy must be one of react, react+tracker");
  }
}
