package dev.frugal.core.strategy.bats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;

/**
 * What a compaction call returns: the trajectory so far in a few lines, the facts worth keeping and
 * what to do next. It replaces the raw trajectory every {@code compactEvery} iterations.
 */
record TrajectorySummary(String summary, String usefulInformation, String recommendations) {

  /** The name of the JSON schema the compaction call asks for. */
  static final String SCHEMA_NAME = "trajectory_summary";

  static TrajectorySummary parse(String reply) throws MalformedReply {
    JsonNode o = JsonReplies.object(reply);
    String s = JsonReplies.text(o, "trajectory_summary");
    if (s.isEmpty()) {
      throw new MalformedReply(
          "the summary has no 'trajectory_summary': " + JsonReplies.excerpt(reply));
    }
    return new TrajectorySummary(
        s, JsonReplies.text(o, "useful_information"), JsonReplies.text(o, "recommendations"));
  }

  static JsonSchema schema() {
    JsonObjectSchema root =
        JsonObjectSchema.builder()
            .addStringProperty("trajectory_summary")
            .addStringProperty("useful_information")
            .addStringProperty("recommendations")
            .required("trajectory_summary", "useful_information", "recommendations")
            .build();
    return JsonSchema.builder().name(SCHEMA_NAME).rootElement(root).build();
  }
}
