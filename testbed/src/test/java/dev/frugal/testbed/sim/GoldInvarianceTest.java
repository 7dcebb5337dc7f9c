package dev.frugal.testbed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.testbed.bench.StrategyCatalog;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.frugal.tools.dataset.ContextParagraph;
import dev.frugal.tools.dataset.Dataset;
import dev.frugal.tools.dataset.Question;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Metamorphic tests of where gold data may act (docs/testbed.md, "Testbed v3"): what the simulated
 * model decides cannot depend on gold data it has no business reading. Profiles run without answers
 * from memory (the one declared use of the gold answer besides comprehension).
 *
 * <ul>
 *   <li>Replacing each question's gold answer by another string changes no query, open,
 *       verification, critique, judge, plan or stop decision of any episode; only answer text. A
 *       mutant verifier that compares the proposed answer with the gold answer fails this check.
 *   <li>Moving a supporting label between two paragraphs an episode never showed changes nothing at
 *       all.
 *   <li>Every final answer occurs in a tool result of its episode, or is yes / no, or is "unknown"
 *       (nothing was read).
 * </ul>
 */
class GoldInvarianceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ANSWER = Pattern.compile("(?is)<answer>(.*?)</answer>");
  private static final List<String> STRATEGIES = List.of("react", "react+tracker", "bats", "bavt");
  private static final List<Question> SAMPLE = TestWorld.DATASET.questions().subList(0, 16);

  /** One episode: every reply's decision (answer text masked) and full text, and what it read. */
  record Run(List<String> decisions, List<String> replies, String answer, String toolText) {}

  private static Run run(SimWorld world, String strategy, Question q, SimProfile profile) {
    return run(world, strategy, q, profile, null);
  }

  private static Run run(
      SimWorld world,
      String strategy,
      Question q,
      SimProfile profile,
      java.util.function.Function<SimWorld, SimulatedChatModel.Verifier> verifier) {
    SimulatedChatModel.Builder builder =
        SimulatedChatModel.builder()
            .profile(TestWorld.noMemory(profile))
            .world(world)
            .seed(3)
            .sleeper(SimulatedChatModel.Sleeper.NONE);
    if (verifier != null) builder.verifier(verifier.apply(world));
    SimulatedChatModel model = builder.build();
    List<String> decisions = Collections.synchronizedList(new ArrayList<>());
    List<String> replies = Collections.synchronizedList(new ArrayList<>());
    StringBuilder tools = new StringBuilder();
    ChatModel recording =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest request) {
            for (ChatMessage m : request.messages()) {
              if (m instanceof ToolExecutionResultMessage r) tools.append(r.text()).append('\n');
            }
            ChatResponse r = model.chat(request);
            decisions.add(decision(r.aiMessage()));
            replies.add(Transcript.textOf(r.aiMessage()));
            return r;
          }
        };
    StrategyCatalog.Spec spec = StrategyCatalog.get(strategy);
    RunResult r =
        Agent.builder()
            .model("sim", recording)
            .prices(PriceTable.builder().model("sim", ModelPrice.free()).build())
            .tools(TestWorld.TOOLS)
            .strategy(spec.strategy().get())
            .budgetTracker(spec.tracker())
            .budget(
                Budget.builder().toolUnits(SearchTool.NAME, 8).toolUnits(OpenTool.NAME, 8).build())
            .maxSteps(40)
            .build()
            .run(q.text());
    return new Run(
        List.copyOf(decisions), List.copyOf(replies), r.answer().orElse(""), tools.toString());
  }

  /** What a reply decides, with any answer text masked. */
  private static String decision(AiMessage ai) {
    if (ai.hasToolExecutionRequests()) {
      StringBuilder sb = new StringBuilder();
      for (ToolExecutionRequest r : ai.toolExecutionRequests()) {
        sb.append(r.name()).append(r.arguments());
      }
      return sb.toString();
    }
    String text = ai.text() == null ? "" : ai.text();
    if (ANSWER.matcher(text).find()) return "ANSWER";
    try {
      JsonNode n = JSON.readTree(text);
      if (n.has("decision")) {
        return "VERIFY "
            + n.get("decision").asText()
            + " "
            + n.get("verification").findValuesAsText("status");
      }
      if (n.has("score")) return "CRITIQUE " + n.get("score").asText();
      if (n.has("choice")) return "JUDGE " + n.get("choice").asText();
      return "JSON " + text; // plans and summaries carry no answer text
    } catch (Exception e) {
      return "TEXT";
    }
  }

  private static Dataset withAnswers(Dataset d) {
    List<Question> out = new ArrayList<>();
    for (Question q : d.questions()) {
      String gold = q.answers().get(0).strip().toLowerCase(Locale.ROOT);
      String other = gold.equals("yes") ? "no" : gold.equals("no") ? "yes" : "Qzx Vormulent";
      out.add(
          new Question(
              q.id(), q.text(), List.of(other), q.type(), q.supportingTitles(), q.paragraphs()));
    }
    return new Dataset(d.name(), out, d.skipped(), d.source());
  }

  /**
   * The episodes (profile, strategy, question) whose decisions change when every gold answer is
   * replaced by another string, and how many answers changed text, with the verifier {@code
   * verifier} makes for a world (null: the simulation's own).
   */
  private static int[] answerReplacement(
      List<String> strategies,
      java.util.function.Function<SimWorld, SimulatedChatModel.Verifier> verifier,
      List<String> changedDecisions) {
    SimWorld replaced = new SimWorld(withAnswers(TestWorld.DATASET));
    int answersThatChanged = 0;
    for (SimProfile profile : List.of(SimProfile.small(), SimProfile.large())) {
      for (String strategy : strategies) {
        for (Question q : SAMPLE) {
          Run a = run(TestWorld.WORLD, strategy, q, profile, verifier);
          Run b = run(replaced, strategy, q, profile, verifier);
          // whether the engine asks a judge at all depends on whether candidate answer texts
          // coincide, which is answer text; the judge's choices are compared where both ask one
          if (!withoutJudge(b.decisions()).equals(withoutJudge(a.decisions()))
              || (judges(a) > 0 && judges(b) > 0 && !a.decisions().equals(b.decisions()))) {
            changedDecisions.add(profile.modelName() + " " + strategy + " " + q.id());
          }
          if (!a.answer().equals(b.answer())) answersThatChanged++;
        }
      }
    }
    return new int[] {answersThatChanged};
  }

  private static List<String> withoutJudge(List<String> decisions) {
    return decisions.stream().filter(d -> !d.startsWith("JUDGE")).toList();
  }

  private static long judges(Run r) {
    return r.decisions().stream().filter(d -> d.startsWith("JUDGE")).count();
  }

  @Test
  void replacingTheGoldAnswerChangesNoDecisionOnlyAnswerText() {
    List<String> changed = new ArrayList<>();
    int answersThatChanged = answerReplacement(STRATEGIES, null, changed)[0];
    assertThat(changed).isEmpty();
    // the test has teeth: the gold answer does reach the answer text of some episodes
    assertThat(answersThatChanged).isPositive();
  }

  @Test
  void aMutantVerifierThatComparesWithTheGoldAnswerFailsTheReplacementCheck() {
    // the mutant: the simulation's own verification, but its decision is SUCCESS when the proposed
    // answer equals the gold answer and PIVOT otherwise
    java.util.function.Function<SimWorld, SimulatedChatModel.Verifier> mutant =
        world -> {
          return (t, messages, rng) -> {
            String last = "";
            for (ChatMessage m : messages) {
              Matcher a = ANSWER.matcher(Transcript.textOf(m));
              while (a.find()) last = a.group(1).strip();
            }
            String proposed = dev.frugal.tools.dataset.AnswerMetrics.normalize(last);
            List<String> gold = world.question(t.question).answers();
            boolean right =
                gold.stream()
                    .anyMatch(
                        g -> dev.frugal.tools.dataset.AnswerMetrics.normalize(g).equals(proposed));
            com.fasterxml.jackson.databind.node.ObjectNode out =
                JSON.createObjectNode().put("decision", right ? "SUCCESS" : "PIVOT");
            out.putArray("verification")
                .addObject()
                .put("constraint", "the answer is right")
                .put("status", right ? "satisfied" : "contradicted");
            return AiMessage.from(out.toString());
          };
        };
    List<String> changed = new ArrayList<>();
    answerReplacement(List.of("bats"), mutant, changed);
    assertThat(changed).as("episodes whose decisions the mutant changed").isNotEmpty();
  }

  @Test
  void movingASupportingLabelBetweenParagraphsNeverShownChangesNothing() {
    int moved = 0;
    for (String strategy : STRATEGIES) {
      for (Question q : SAMPLE) {
        Run a = run(TestWorld.WORLD, strategy, q, SimProfile.small());
        ContextParagraph from = null;
        ContextParagraph to = null;
        for (ContextParagraph p : q.paragraphs()) {
          boolean shown = !p.text().isEmpty() && a.toolText().contains(p.text());
          if (shown) continue;
          if (p.supporting() && from == null) from = p;
          if (!p.supporting() && to == null) to = p;
        }
        if (from == null || to == null) continue;
        moved++;
        List<ContextParagraph> paragraphs = new ArrayList<>();
        for (ContextParagraph p : q.paragraphs()) {
          boolean supporting = p == from ? false : p == to ? true : p.supporting();
          paragraphs.add(new ContextParagraph(p.paragraph(), supporting));
        }
        String fromTitle = from.title();
        String toTitle = to.title();
        List<String> titles =
            q.supportingTitles().stream().map(t -> t.equals(fromTitle) ? toTitle : t).toList();
        Question swapped =
            new Question(q.id(), q.text(), q.answers(), q.type(), titles, paragraphs);
        List<Question> qs = new ArrayList<>(TestWorld.DATASET.questions());
        qs.set(qs.indexOf(q), swapped);
        SimWorld world =
            new SimWorld(
                new Dataset(
                    TestWorld.DATASET.name(),
                    qs,
                    TestWorld.DATASET.skipped(),
                    TestWorld.DATASET.source()));

        Run b = run(world, strategy, q, SimProfile.small());

        assertThat(b.replies()).as(strategy + " " + q.id()).isEqualTo(a.replies());
      }
    }
    // the test has teeth: some episodes never saw one of their supporting paragraphs
    assertThat(moved).isPositive();
  }

  @Test
  void everyFinalAnswerOccursInAToolResultOrIsYesOrNo() {
    int checked = 0;
    for (SimProfile profile : List.of(SimProfile.small(), SimProfile.large())) {
      for (String strategy : STRATEGIES) {
        for (Question q : SAMPLE) {
          Run r = run(TestWorld.WORLD, strategy, q, profile);
          String answer = r.answer().strip();
          if (answer.isEmpty() || answer.equalsIgnoreCase("none")) continue;
          checked++;
          boolean yesNo = answer.matches("(?i)yes|no|unknown");
          assertThat(yesNo || contains(r.toolText(), answer))
              .as(profile.modelName() + " " + strategy + " " + q.id() + ": " + answer)
              .isTrue();
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  private static boolean contains(String text, String answer) {
    Matcher m = Pattern.compile(Pattern.quote(answer), Pattern.CASE_INSENSITIVE).matcher(text);
    return m.find();
  }
}
