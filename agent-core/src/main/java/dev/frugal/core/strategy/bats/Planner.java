package dev.frugal.core.strategy.bats;

import dev.frugal.core.RunContext;
import dev.frugal.core.strategy.internal.Prompts;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The planning call (ALGORITHMS section 2 step 2): the agent's own system prompt (with its planning
 * and Budget Tracker sections) and the question, then a request for the plan as JSON of the schema
 * {@value Plan#SCHEMA_NAME}. It is made once per question [choice] and charged to the run's working
 * ledger; without a usable reply the run goes on without a plan.
 */
final class Planner {
  private static final String REQUEST = Prompts.load("bats-plan-request-v1");
  private static final String MESSAGE = Prompts.load("bats-plan-message-v1");

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

  /** The message that shows the plan to the agent. */
  static String message(Plan p) {
    return Prompts.fill(MESSAGE, Map.of("plan", p.render())).strip();
  }
}
