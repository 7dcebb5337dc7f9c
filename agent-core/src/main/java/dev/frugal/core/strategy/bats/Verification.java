package dev.frugal.core.strategy.bats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A verifier's structured judgement of a proposed answer (the BATS paper (arXiv 2511.17006) step
 * 4): each constraint's status, the decision, and the notes that seed what happens next.
 *
 * @param checks each constraint the verifier checked, with its status
 * @param decision SUCCESS, CONTINUE or PIVOT
 * @param justification why the decision
 * @param trajectorySummary what the attempt did, replacing its raw trajectory on CONTINUE
 * @param failureAnalysis what went wrong, if anything
 * @param usefulInformation facts worth keeping, with their sources
 * @param recommendations what to do next
 */
public record Verification(
    List<Check> checks,
    Decision decision,
    String justification,
    String trajectorySummary,
    String failureAnalysis,
    String usefulInformation,
    String recommendations) {

  /** The name of the JSON schema the verifier is asked to follow. */
  public static final String SCHEMA_NAME = "verification";

  /** What the verifier decided. */
  public enum Decision {
    /** Every constraint is satisfied: record the answer as a verified candidate. */
    SUCCESS,
    /** The path is sound but unfinished and the budget can fix it: dig deeper on this path. */
    CONTINUE,
    /** A dead end, repeated fruitless calls, or too little budget to repair it: start afresh. */
    PIVOT
  }

  /** How one constraint stands against the evidence. */
  public enum Status {
    /** The trajectory shows the constraint holds. */
    SATISFIED,
    /** The trajectory shows the constraint fails. */
    CONTRADICTED,
    /** The trajectory does not say. */
    UNVERIFIABLE
  }

  /** One constraint and its status. */
  public record Check(String constraint, Status status) {}

  /** Copies the lists. */
  public Verification {
    checks = List.copyOf(checks);
    java.util.Objects.requireNonNull(decision, "decision");
  }

  /**
   * The share of constraints satisfied, in [0, 1]; 1 for a SUCCESS that lists no constraint, 0 for
   * any other decision without constraints.
   */
  public double satisfiedFraction() {
    if (checks.isEmpty()) return decision == Decision.SUCCESS ? 1 : 0;
    long ok = checks.stream().filter(c -> c.status() == Status.SATISFIED).count();
    return (double) ok / checks.size();
  }

  /**
   * True when the verdict lists at least one constraint and marks every one satisfied: the only
   * verdict whose SUCCESS is accepted (docs/bats.md; the BATS paper (arXiv 2511.17006) step 4,
   * "SUCCESS: every constraint satisfied").
   */
  public boolean everyConstraintSatisfied() {
    return !checks.isEmpty() && checks.stream().allMatch(c -> c.status() == Status.SATISFIED);
  }

  /**
   * This verdict as accepted: a SUCCESS whose constraints are not all satisfied becomes PIVOT when
   * one is contradicted, else CONTINUE (some unverifiable, or none listed); any other verdict is
   * returned as it is.
   */
  public Verification accepted() {
    if (decision != Decision.SUCCESS || everyConstraintSatisfied()) return this;
    boolean contradicted = checks.stream().anyMatch(c -> c.status() == Status.CONTRADICTED);
    Decision d = contradicted ? Decision.PIVOT : Decision.CONTINUE;
    return new Verification(
        checks,
        d,
        "SUCCESS not accepted, not every constraint is marked satisfied; taken as "
            + d
            + (justification.isBlank() ? "" : ". " + justification),
        trajectorySummary,
        failureAnalysis,
        usefulInformation,
        recommendations);
  }

  /** A one-line account for traces, e.g. {@code PIVOT (1/3 satisfied, 1 contradicted)}. */
  public String describe() {
    long ok = checks.stream().filter(c -> c.status() == Status.SATISFIED).count();
    long bad = checks.stream().filter(c -> c.status() == Status.CONTRADICTED).count();
    return decision
        + " ("
        + ok
        + "/"
        + checks.size()
        + " satisfied"
        + (bad > 0 ? ", " + bad + " contradicted" : "")
        + ")"
        + (justification.isBlank() ? "" : ": " + JsonReplies.excerpt(justification));
  }

  /**
   * Reads a verifier reply. A {@code decision} is required; constraint statuses must be one of
   * satisfied / contradicted / unverifiable (any case); missing text fields are empty.
   *
   * @throws MalformedReply saying what is missing or invalid
   */
  static Verification parse(String reply) throws MalformedReply {
    JsonNode o = JsonReplies.object(reply);
    if (!o.hasNonNull("decision")) {
      throw new MalformedReply(
          "the verification has no 'decision' (one of SUCCESS, CONTINUE, PIVOT): "
              + JsonReplies.excerpt(reply));
    }
    Decision d = JsonReplies.constant(Decision.class, "decision", o.get("decision").asText());
    List<Check> checks = new ArrayList<>();
    JsonNode v = o.get("verification");
    if (v != null && !v.isNull()) {
      if (!v.isArray()) {
        throw new MalformedReply("field 'verification' must be an array, got " + v);
      }
      for (JsonNode c : v) {
        String constraint = JsonReplies.text(c, "constraint");
        Status s =
            JsonReplies.constant(
                Status.class, "status", c.path("status").asText("").toUpperCase(Locale.ROOT));
        checks.add(new Check(constraint, s));
      }
    }
    return new Verification(
        checks,
        d,
        JsonReplies.text(o, "justification"),
        JsonReplies.text(o, "trajectory_summary"),
        JsonReplies.text(o, "failure_analysis"),
        JsonReplies.text(o, "useful_information"),
        JsonReplies.text(o, "recommendations"));
  }

  /** The JSON schema sent with the verification request. */
  static JsonSchema schema() {
    JsonObjectSchema check =
        JsonObjectSchema.builder()
            .addStringProperty("constraint")
            .addEnumProperty("status", List.of("satisfied", "contradicted", "unverifiable"))
            .required("constraint", "status")
            .build();
    JsonObjectSchema root =
        JsonObjectSchema.builder()
            .addProperty("verification", JsonArraySchema.builder().items(check).build())
            .addEnumProperty("decision", List.of("SUCCESS", "CONTINUE", "PIVOT"))
            .addStringProperty("justification")
            .addStringProperty("trajectory_summary")
            .addStringProperty("failure_analysis")
            .addStringProperty("useful_information")
            .addStringProperty("recommendations")
            .required(
                "verification",
                "decision",
                "justification",
                "trajectory_summary",
                "failure_analysis",
                "useful_information",
                "recommendations")
            .build();
    return JsonSchema.builder().name(SCHEMA_NAME).rootElement(root).build();
  }
}
