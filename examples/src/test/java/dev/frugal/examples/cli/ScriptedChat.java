package dev.frugal.examples.cli;

import mockwebserver3.MockResponse;

/**
 * The scripted OpenAI-compatible chat replies the CLI tests serve on 127.0.0.1 (a simulated model:
 * no language model is called): the Corliss Archer script, a search, then the Shirley Temple page,
 * then the answer.
 */
final class ScriptedChat {
  private ScriptedChat() {}

  /** An assistant message asking for one call of {@code name}; its arguments come JSON-escaped. */
  static String toolCall(String name, String escapedArgs) {
    return "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_"
        + name
        + "\",\"type\":\"function\",\"function\":{\"name\":\""
        + name
        + "\",\"arguments\":\""
        + escapedArgs
        + "\"}}]}";
  }

  /**
   * The {@code n}-th chat completion (from 1) of the script: a search for the actress, then opening
   * {@code base}'s Shirley Temple page, then the answer; each with the given usage.
   */
  static String corlissArcherReply(int n, String base, int promptTokens, int completionTokens) {
    String message =
        switch (n) {
          case 1 -> toolCall("search", "{\\\"queries\\\":[\\\"Corliss Archer actress\\\"]}");
          case 2 -> toolCall("open", "{\\\"urls\\\":[\\\"" + base + "/wiki/Shirley_Temple\\\"]}");
          default -> "{\"role\":\"assistant\",\"content\":\"<answer>Chief of Protocol</answer>\"}";
        };
    return "{\"id\":\"c"
        + n
        + "\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"test-model\","
        + "\"choices\":[{\"index\":0,\"message\":"
        + message
        + ",\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":"
        + promptTokens
        + ",\"completion_tokens\":"
        + completionTokens
        + ",\"total_tokens\":"
        + (promptTokens + completionTokens)
        + "}}";
  }

  /** A response with a JSON body. */
  static MockResponse json(String body) {
    return new MockResponse.Builder()
        .addHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }
}
