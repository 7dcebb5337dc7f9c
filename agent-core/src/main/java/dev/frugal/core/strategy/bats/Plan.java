package dev.frugal.core.strategy.bats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * A budget-aware plan (the BATS paper (arXiv 2511.17006) step 2): the question's clues split into
 * exploration constraints (broad, searched with first) and verification constraints (narrow,
 * checked once candidates exist), and a tree-shaped checklist. The tree is written with dotted ids:
 * step {@code 2.1} is a child of {@code 2}, and numbered siblings are alternatives.
 *
 * @param exploration constraints to search with first
 * @param verification constraints to check candidates against; the verifier is given these
 * @param steps the checklist, in order, parents before their children
 */
record Plan(List<String> exploration, List<String> verification, List<Step> steps) {

  /** The name of the JSON schema the planning call asks for. */
  public static final String SCHEMA_NAME = "plan";

  /** Where a checklist step stands. Steps are never deleted: a dead end is marked FAILED. */
  public enum State {
    PENDING,
    DONE,
    FAILED,
    PARTIAL
  }

  /**
   * One checklist step.
   *
   * @param id dotted position in the tree, e.g. {@code 1}, {@code 1.2}
   * @param description what the step does
   * @param state where it stands
   * @param unitsUsed tool units the step has used so far
   */
  public record Step(String id, String description, State state, long unitsUsed) {
    /** Nesting depth: 0 for {@code 1}, 1 for {@code 1.2}. */
    int depth() {
      return (int) id.chars().filter(c -> c == '.').count();
    }
  }

  public Plan {
    exploration = List.copyOf(exploration);
    verification = List.copyOf(verification);
    steps = List.copyOf(steps);
  }

  /** The plan as the agent is shown it. */
  public String render() {
    StringBuilder sb = new StringBuilder("Exploration constraints (search with these first):\n");
    for (String c : exploration) sb.append("- ").append(c).append('\n');
    sb.append("Verification constraints (check candidates against these):\n");
    for (String c : verification) sb.append("- ").append(c).append('\n');
    sb.append("Checklist:\n");
    for (Step s : steps) {
      sb.append("  ".repeat(s.depth()))
          .append('[')
          .append(s.state().name().toLowerCase(java.util.Locale.ROOT))
          .append("] ")
          .append(s.id())
          .append(' ')
          .append(s.description())
          .append(" (units used: ")
          .append(s.unitsUsed())
          .append(")\n");
    }
    return sb.toString().stripTrailing();
  }

  /**
   * Reads a planning reply.
   *
   * @throws MalformedReply when it holds no constraint at all, or a step is malformed
   */
  static Plan parse(String reply) throws MalformedReply {
    JsonNode o = JsonReplies.object(reply);
    List<String> exploration = JsonReplies.strings(o, "exploration_constraints");
    List<String> verification = JsonReplies.strings(o, "verification_constraints");
    if (exploration.isEmpty() && verification.isEmpty()) {
      throw new MalformedReply(
          "the plan lists neither 'exploration_constraints' nor 'verification_constraints': "
              + JsonReplies.excerpt(reply));
    }
    List<Step> steps = new ArrayList<>();
    JsonNode arr = o.get("steps");
    if (arr != null && !arr.isNull()) {
      if (!arr.isArray()) throw new MalformedReply("field 'steps' must be an array, got " + arr);
      int n = 0;
      for (JsonNode s : arr) {
        n++;
        String id = JsonReplies.text(s, "id");
        String state = s.path("state").asText("pending");
        steps.add(
            new Step(
                id.isEmpty() ? Integer.toString(n) : id,
                JsonReplies.text(s, "description"),
                JsonReplies.constant(State.class, "state", state),
                Math.max(0, s.path("units_used").asLong(0))));
      }
    }
    return new Plan(exploration, verification, steps);
  }

  /** The JSON schema sent with the planning request. */
  static JsonSchema schema() {
    JsonObjectSchema step =
        JsonObjectSchema.builder()
            .addStringProperty("id", "dotted position in the tree: 1, 1.1, 1.2, 2")
            .addStringProperty("description")
            .addEnumProperty("state", List.of("pending", "done", "failed", "partial"))
            .addProperty("units_used", new JsonIntegerSchema())
            .required("id", "description", "state", "units_used")
            .build();
    JsonArraySchema strings = JsonArraySchema.builder().items(new JsonStringSchema()).build();
    JsonObjectSchema root =
        JsonObjectSchema.builder()
            .addProperty("exploration_constraints", strings)
            .addProperty("verification_constraints", strings)
            .addProperty("steps", JsonArraySchema.builder().items(step).build())
            .required("exploration_constraints", "verification_constraints", "steps")
            .build();
    return JsonSchema.builder().name(SCHEMA_NAME).rootElement(root).build();
  }
}
