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
import dev.frugal.tools.dataset.Paragraph;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Metamorphic tests of the gold-blind rule (docs/testbed.md): what the simulated model decides
 * cannot depend on gold data it has no business reading.
 *
 * <ul>
 *   <li>Replacing each question's gold answer by another string changes no query, open,
 *       verification, critique, judge, plan or stop decision of any episode; only answer text.
 *   <li>Removing the supporting labels of paragraphs an episode never showed changes nothing at
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
    SimulatedChatModel model =
        SimulatedChatModel.builder()
            .profile(profile)
            .world(world)
            .seed(3)
            .sleeper(SimulatedChatModel.Sleeper.NONE)
            .build();
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

  @Test
  void replacingTheGoldAnswerChangesNoDecisionOnlyAnswerText() {
    SimWorld replaced = new SimWorld(withAnswers(TestWorld.DATASET));
    int answersThatChanged = 0;
    for (SimProfile profile : List.of(SimProfile.small(), SimProfile.large())) {
      for (String strategy : STRATEGIES) {
        for (Question q : SAMPLE) {
          Run a = run(TestWorld.WORLD, strategy, q, profile);
          Run b = run(replaced, strategy, q, profile);
          assertThat(b.decisions())
              .as(profile.modelName() + " " + strategy + " " + q.id())
              .isEqualTo(a.decisions());
          if (!a.answer().equals(b.answer())) answersThatChanged++;
        }
      }
    }
    // the test has teeth: the gold answer does reach the answer text of some episodes
    assertThat(answersThatChanged).isPositive();
  }

  @Test
  void removingTheLabelsOfParagraphsNeverShownChangesNothing() {
    for (String strategy : STRATEGIES) {
      for (Question q : SAMPLE) {
        Run a = run(TestWorld.WORLD, strategy, q, SimProfile.small());
        // every supporting label of a paragraph whose text never reached the model is removed
        List<ContextParagraph> paragraphs = new ArrayList<>();
        Set<String> kept = new HashSet<>();
        for (ContextParagraph p : q.paragraphs()) {
          boolean shown = !p.text().isEmpty() && a.toolText().contains(p.text());
          boolean supporting = p.supporting() && shown;
          if (supporting) kept.add(p.title());
          Paragraph para = p.paragraph();
          paragraphs.add(new ContextParagraph(para, supporting));
        }
        List<String> titles =
            kept.isEmpty()
                ? q.supportingTitles()
                : q.supportingTitles().stream().filter(kept::contains).toList();
        Question stripped =
            new Question(q.id(), q.text(), q.answers(), q.type(), titles, paragraphs);
        List<Question> qs = new ArrayList<>(TestWorld.DATASET.questions());
        qs.set(qs.indexOf(q), stripped);
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
