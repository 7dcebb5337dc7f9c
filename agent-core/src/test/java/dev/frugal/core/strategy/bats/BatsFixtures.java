package dev.frugal.core.strategy.bats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.ScriptedChatModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.trace.RunEvent;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared pieces of the BATS tests: a counting tool, scripted replies and trace readers. */
final class BatsFixtures {
  static final ObjectMapper JSON = new ObjectMapper();
  static final PriceTable PRICES = PriceTable.builder().model("m", ModelPrice.of(1, 1)).build();
  static final String QUESTION = "What is the capital of France?";
  static final String PLAN =
      "{\"exploration_constraints\": [\"capital cities of Europe\"],"
          + " \"verification_constraints\": [\"it is a city\", \"it is the seat of the French"
          + " government\"],"
          + " \"steps\": [{\"id\": \"1\", \"description\": \"search capital\", \"state\":"
          + " \"pending\", \"units_used\": 0}, {\"id\": \"1.1\", \"description\": \"open the"
          + " best hit\", \"state\": \"pending\", \"units_used\": 0}]}";

  private BatsFixtures() {}

  static final class Lookup {
    final AtomicInteger calls = new AtomicInteger();

    @dev.langchain4j.agent.tool.Tool("Looks a word up")
    String lookup(String word) {
      calls.incrementAndGet();
      return "about " + word;
    }
  }

  static String verdict(String decision, String summary, String useful, String recs) {
    ObjectNode o = JSON.createObjectNode();
    o.putArray("verification")
        .addObject()
        .put("constraint", "it is a city")
        .put("status", decision.equals("SUCCESS") ? "satisfied" : "unverifiable");
    o.put("decision", decision);
    o.put("justification", "checked " + decision);
    o.put("trajectory_summary", summary);
    o.put("failure_analysis", decision.equals("SUCCESS") ? "" : "missing-" + summary);
    o.put("useful_information", useful);
    o.put("recommendations", recs);
    return o.toString();
  }

  static String verdict(String decision) {
    return verdict(decision, "summary", "facts", "next");
  }

  static ScriptedChatModel thenJson(ScriptedChatModel m, String json) {
    return m.then(dev.langchain4j.data.message.AiMessage.from(json));
  }

  static RunResult run(ScriptedChatModel model, Bats bats, long lookupUnits) {
    return Agent.builder()
        .model("m", model)
        .prices(PRICES)
        .toolsFrom(new Lookup())
        .strategy(bats)
        .budget(Budget.builder().toolUnits("lookup", lookupUnits).build())
        .build()
        .run(QUESTION);
  }

  static String schema(ChatRequest r) {
    return r.responseFormat() == null || r.responseFormat().jsonSchema() == null
        ? null
        : r.responseFormat().jsonSchema().name();
  }

  static List<String> schemas(ScriptedChatModel m) {
    List<String> out = new ArrayList<>();
    for (ChatRequest r : m.requests) out.add(schema(r));
    return out;
  }

  static String lastUser(ChatRequest r) {
    List<ChatMessage> msgs = r.messages();
    for (int i = msgs.size() - 1; i >= 0; i--) {
      if (msgs.get(i) instanceof UserMessage u) return u.singleText();
    }
    throw new AssertionError("no user message in " + msgs);
  }

  static List<String> notes(RunResult r, String kind) {
    List<String> out = new ArrayList<>();
    for (RunEvent e : r.trace()) {
      if (e instanceof RunEvent.Note n && n.kind().equals(kind)) out.add(n.text());
    }
    return out;
  }
}
