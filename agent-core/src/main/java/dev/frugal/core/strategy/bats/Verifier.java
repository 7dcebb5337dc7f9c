package dev.frugal.core.strategy.bats;

import dev.frugal.core.engine.RunContext;
import dev.frugal.core.strategy.internal.Prompts;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The verifier call (the BATS paper (arXiv 2511.17006) step 4): the attempt's conversation under
 * the verifier's own system prompt, then the proposed answer, the constraints to check (the plan's
 * verification constraints, then its exploration constraints, one per line: a SUCCESS must satisfy
 * both kinds of clue; without a plan the verifier derives them) and the Budget Tracker status
 * block. It asks for JSON of the schema {@value Verification#SCHEMA_NAME} and is charged to the
 * run's working ledger.
 */
final class Verifier {
  private static final String SYSTEM = Prompts.load("bats-verify-system-v1");
  private static final String REQUEST = Prompts.load("bats-verify-request-v1");

  private final int retries;

  Verifier(int retries) {
    this.retries = retries;
  }

  Optional<Verification> verify(
      RunContext ctx, List<ChatMessage> conversation, String proposed, Optional<Plan> plan) {
    List<ChatMessage> msgs = new ArrayList<>();
    msgs.add(SystemMessage.from(SYSTEM));
    for (ChatMessage m : conversation) if (!(m instanceof SystemMessage)) msgs.add(m);
    msgs.add(UserMessage.from(request(ctx, proposed, plan)));
    return StructuredCall.ask(
        ctx, "verify", msgs, Verification.schema(), null, Verification::parse, retries);
  }

  static String request(RunContext ctx, String proposed, Optional<Plan> plan) {
    List<String> constraints = new ArrayList<>();
    plan.ifPresent(
        p -> {
          constraints.addAll(p.verification());
          for (String e : p.exploration()) if (!constraints.contains(e)) constraints.add(e);
        });
    StringBuilder c = new StringBuilder("Constraints to check:");
    if (constraints.isEmpty()) {
      c.append(
          " derive them from the question: every clue it gives, and the kind of answer it asks"
              + " for.");
    } else {
      for (String s : constraints) c.append("\n- ").append(s.replaceAll("\\s+", " "));
    }
    String block = ctx.statusBlock();
    return Prompts.fill(
            REQUEST,
            Map.of(
                "answer",
                proposed == null ? "None" : proposed,
                "constraints",
                c.toString(),
                "budget",
                block.isEmpty() ? "not shown (no Budget Tracker)" : block))
        .strip();
  }
}
