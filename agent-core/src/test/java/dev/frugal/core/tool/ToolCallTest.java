package dev.frugal.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ToolCallTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ToolCall call(String json) throws Exception {
    return new ToolCall("1", "t", JSON.readTree(json));
  }

  @Test
  void canonicalArgumentsIgnoreKeyOrderAndSpacingButNotArrayOrder() throws Exception {
    assertThat(call("{\"b\": 1, \"a\": {\"y\": [1, 2], \"x\": null}}").canonicalArguments())
        .isEqualTo("{\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1}")
        .isEqualTo(call("{\"a\":{\"x\":null,\"y\":[1,2]},\"b\":1}").canonicalArguments());
    assertThat(call("{\"q\": [\"a\", \"b\"]}").canonicalArguments())
        .isNotEqualTo(call("{\"q\": [\"b\", \"a\"]}").canonicalArguments());
  }

  @Test
  void canonicalArgumentsAreValidJsonForAnyText() throws Exception {
    String tricky = "{\"q\\\"k\": \"line\\nbreak \\\"quoted\\\" back\\\\slash \\u0001 é\"}";
    String canonical = call(tricky).canonicalArguments();
    assertThat(JSON.readTree(canonical)).isEqualTo(JSON.readTree(tricky));
  }
}
