package dev.frugal.core.strategy.bats;

import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.Prompts;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planning call (the BATS paper (arXiv 2511.17006) step 2): the agent's own system prompt (with
 * its planning and Budget Tracker sections) and the question, then a request for the plan as JSON
 * of the schema {@value Plan#SCHEMA_NAME}. It is made once per question [choice] and charged to the
 * run's working ledger; without a usable reply the run goes on without a plan.
 */
final class Planner {
  private static final String REQUEST = Prompts.load("bats-plan-request-v1");
  private static final String MESSAGE = Prompts.load("bats-plan-message-v1");
  private static final String REPLAN = Prompts.load("bats-replan-request-v1");

  private final int retries;

  Planner(int retries) {
    this.retries = retries;
  }

  Optional<Plan> plan(RunContext ctx, String systemPrompt) {
    String block = ctx.statusBlock();
    List<ChatMessage> msgs =
        List.of(
            SystemMessage.from(systemPrompt),
            UserMessage.from("Question: " + ctx.question()),
            UserMessage.from(Prompts.fill(REQUEST, Map.of("budget", block)).strip()));
    Optional<Plan> plan =
        StructuredCall.ask(ctx, "plan", msgs, Plan.schema(), null, Plan::parse, retries);
    plan.ifPresentOrElse(
        p ->
            ctx.note(
                "plan",
                p.exploration().size()
                    + " exploration and "
                    + p.verification().size()
                    + " verification constraints, "
                    + p.steps().size()
                    + " checklist steps"),
        () -> ctx.note("plan", "no usable plan; going on without one"));
    return plan;
  }

  /**
   * The re-planning call after a PIVOT (docs/bats.md): the same schema as the first plan, asked
   * with the living plan (states, units used, failed branches) and the verifier's failure analysis
   * and recommendations; charged to the run's working ledger. Empty when the ledger refuses it or
   * the reply is unusable (the living plan then goes on as it is).
   */
  Optional<Plan> replan(
      RunContext ctx, String systemPrompt, LivingPlan living, Verification verdict) {
    List<ChatMessage> msgs =
        List.of(
            SystemMessage.from(systemPrompt),
            UserMessage.from("Question: " + ctx.question()),
            UserMessage.from(
                Prompts.fill(
                        REPLAN,
                        Map.of(
                            "plan",
                            living.render(),
                            "failure",
                            orNone(verdict.failureAnalysis()),
                            "recommendations",
                            orNone(verdict.recommendations()),
                            "budget",
                            ctx.statusBlock()))
                    .strip()));
    Optional<Plan> plan =
        StructuredCall.ask(ctx, "plan", msgs, Plan.schema(), null, Plan::parse, retries);
    ctx.note(
        "plan",
        plan.map(p -> "re-planned after a PIVOT: " + p.steps().size() + " checklist steps")
            .orElse("no usable re-plan; the plan goes on as it is"));
    return plan;
  }

  private static String orNone(String s) {
    return s == null || s.isBlank() ? "(none)" : s.strip();
  }

  /** The message that shows the plan to the agent. */
  static String message(Plan p) {
    return Prompts.fill(MESSAGE, Map.of("plan", p.render())).strip();
  }

  /** The message that shows the living plan (states, units, failed branches) to the agent. */
  static String message(LivingPlan p) {
    return Prompts.fill(MESSAGE, Map.of("plan", p.render())).strip();
  }
}
