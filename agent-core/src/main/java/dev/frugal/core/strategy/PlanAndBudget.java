package dev.frugal.core.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frugal.core.CancelledException;
import dev.frugal.core.ModelFailureException;
import dev.frugal.core.StopReason;
import dev.frugal.core.Strategy;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Cap;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Money;
import dev.frugal.core.engine.Answers;
import dev.frugal.core.engine.RunContext;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Plan-and-Budget ("Plan and Budget: Effective and Efficient Test-Time Scaling on Large Language
 * Model Reasoning", arXiv 2505.16122): decompose the question into sub-questions, estimate each
 * one's complexity, split the budget over them by weight times a front-loaded decay, answer each
 * within its share, then give the final answer. See docs/extras.md, section "Plan-and-Budget".
 *
 * <ol>
 *   <li>One planning call asks for JSON of the schema {@value #SCHEMA_NAME}: up to {@code
 *       maxSubQuestions} (default 4 [choice]) sub-questions in the order to answer them, each with
 *       a complexity from 1 to 5. A reply that cannot be used (not JSON, no sub-questions), a
 *       refused or failed planning call give the plan of one sub-question: the question itself,
 *       with all of the budget.
 *   <li>The working budget left after the planning call is split over the sub-questions ({@link
 *       #fractions}): sub-question {@code i} of {@code n} gets a share proportional to {@code
 *       complexity_i * decay(i, n)}, every cap split the same way ({@link #split}); the shares add
 *       up to what was left, never more.
 *   <li>Each sub-question is asked in turn, in one conversation (the earlier sub-answers stay in
 *       it), and answered by a ReAct loop spending from a child ledger holding its share.
 *   <li>A last call without tools asks for the answer to the original question, paid from what is
 *       left of the working budget, else from the run's final-answer reserve.
 * </ol>
 *
 * <p>The decay ({@link Decay}) front-loads the budget: the first sub-questions, whose answers the
 * later ones build on and where uncertainty is highest, get more. Default {@link
 * Decay#polynomial(double) polynomial} with exponent 1 [choice: the paper compares linear,
 * polynomial, exponential and cosine schedules and finds the decaying ones close; the gentlest one
 * is the default].
 *
 * <p>The paper measures E3 = accuracy² / tokens, which rewards accuracy over frugality; the bench
 * reports it beside exact match and cost.
 */
public final class PlanAndBudget implements Strategy {
  /** The name of the planning call's JSON schema. */
  public static final String SCHEMA_NAME = "plan_and_budget";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLANNING_PROMPT =
      "You plan how to answer a question with a limited budget. Break the question into the"
          + " sub-questions to answer in order (at most {max}; a simple question may need only"
          + " one), each a question that can be answered with a search or from the earlier"
          + " answers, and rate each one's complexity from 1 (a single lookup) to 5 (hard). Reply"
          + " with only JSON: {\"sub_questions\": [{\"question\": \"...\", \"complexity\": 3}]}.";

  /** A front-loaded schedule: the weight of position {@code i} (0-based) of {@code n}. */
  @FunctionalInterface
  public interface Decay {
    /** The factor for sub-question {@code i} (0-based) of {@code n}; positive. */
    double at(int i, int n);

    /** No decay: shares follow the complexities alone. */
    static Decay none() {
      return (i, n) -> 1.0;
    }

    /** {@code ((n - i) / n)^p}: 1 for the first sub-question, {@code (1/n)^p} for the last. */
    static Decay polynomial(double p) {
      if (!(p >= 0) || Double.isInfinite(p)) {
        throw new IllegalArgumentException("the decay exponent must be >= 0 and finite, got " + p);
      }
      return (i, n) -> Math.pow((double) (n - i) / n, p);
    }

    /** Cosine annealing, {@code (1 + cos(pi * i / n)) / 2}: 1 first, gently falling, never 0. */
    static Decay cosine() {
      return (i, n) -> (1 + Math.cos(Math.PI * i / n)) / 2;
    }
  }

  /** One sub-question of the plan and its complexity (1 to 5). */
  public record SubQuestion(String question, int complexity) {
    /** Checks the text and the complexity. */
    public SubQuestion {
      if (question == null || question.isBlank()) {
        throw new IllegalArgumentException("a sub-question needs text");
      }
      if (complexity < 1 || complexity > 5) {
        throw new IllegalArgumentException("complexity must be 1 to 5, got " + complexity);
      }
    }
  }

  private final Decay decay;
  private final int maxSubQuestions;
  private final ReAct react;

  private PlanAndBudget(Builder b) {
    this.decay = b.decay;
    this.maxSubQuestions = b.maxSubQuestions;
    this.react = b.react;
  }

  /** The defaults: polynomial decay with exponent 1, at most 4 sub-questions, plain ReAct. */
  public static PlanAndBudget withDefaults() {
    return builder().build();
  }

  /** Starts building a Plan-and-Budget strategy. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String name() {
    return "plan-and-budget";
  }

  @Override
  public Outcome run(RunContext ctx) {
    List<SubQuestion> plan = plan(ctx);
    Budget left = remaining(ctx.ledger());
    double[] f = fractions(plan, decay);
    List<Budget> shares = split(left, f);
    ctx.note("plan-and-budget", describe(plan, shares));
    List<ChatMessage> msgs = new ArrayList<>();
    String tracker = ctx.trackerPromptSection();
    msgs.add(
        SystemMessage.from(react.systemPrompt() + (tracker.isEmpty() ? "" : "\n\n" + tracker)));
    boolean single = plan.size() == 1;
    msgs.add(UserMessage.from("Question: " + ctx.question() + (single ? "" : planText(plan))));
    if (single) {
      Ledger share = ctx.ledger().child(shares.get(0));
      return react.loop(ctx, msgs, share, true);
    }
    Outcome last = null;
    for (int i = 0; i < plan.size() && !ctx.cancelled(); i++) {
      msgs.add(
          UserMessage.from(
              "Sub-question "
                  + (i + 1)
                  + " of "
                  + plan.size()
                  + ": "
                  + plan.get(i).question()
                  + "\nAnswer this sub-question as <answer>ANSWER</answer> before the next one."));
      Ledger share = ctx.ledger().child(shares.get(i));
      try (var scope = ctx.scope("sub-question", (i + 1) + " of " + plan.size())) {
        last = react.loop(ctx, msgs, share, false);
      }
      if (last.forced() && last.answer() != null) {
        msgs.add(AiMessage.from("<answer>" + last.answer() + "</answer>"));
      }
      if (ctx.steps() >= ctx.maxSteps()) break;
    }
    msgs.add(
        UserMessage.from(
            "Now give the answer to the original question, "
                + ctx.question()
                + ", as <answer>ANSWER</answer>."));
    java.util.Optional<String> answer = finalAnswer(ctx, msgs);
    if (answer.isPresent()) return Outcome.answered(answer.get());
    String fallback = last == null ? null : last.answer();
    StopReason why = last == null ? new StopReason.Answered() : last.reason();
    return new Outcome(fallback, why, fallback != null);
  }

  /** The final call without tools: from the working budget if it can pay, else the reserve. */
  private static java.util.Optional<String> finalAnswer(RunContext ctx, List<ChatMessage> msgs) {
    try {
      String text =
          ctx.chat("final", ChatRequest.builder().messages(msgs).build(), ctx.ledger())
              .aiMessage()
              .text();
      return Answers.extract(text);
    } catch (BudgetExceededException e) {
      return ctx.forceAnswer(msgs);
    } catch (ModelFailureException e) {
      ctx.note("final", "the final call failed: " + e.getMessage());
      return java.util.Optional.empty();
    }
  }

  /** The planning call; a plan of the question alone when it cannot be made or used. */
  private List<SubQuestion> plan(RunContext ctx) {
    List<SubQuestion> whole = List.of(new SubQuestion(ctx.question(), 1));
    List<ChatMessage> msgs =
        List.of(
            SystemMessage.from(PLANNING_PROMPT.replace("{max}", Integer.toString(maxSubQuestions))),
            UserMessage.from("Question: " + ctx.question()));
    String text;
    try {
      text =
          ctx.chat(
                  "plan",
                  ChatRequest.builder()
                      .messages(msgs)
                      .responseFormat(
                          ResponseFormat.builder()
                              .type(ResponseFormatType.JSON)
                              .jsonSchema(schema())
                              .build())
                      .build())
              .aiMessage()
              .text();
    } catch (BudgetExceededException | ModelFailureException e) {
      ctx.note("plan", "no plan (" + e.getMessage() + "): the question is the one sub-question");
      return whole;
    } catch (CancelledException e) {
      throw e;
    }
    try {
      return parse(text, maxSubQuestions);
    } catch (IllegalArgumentException e) {
      ctx.note(
          "plan", "unusable plan (" + e.getMessage() + "): the question is the one sub-question");
      return whole;
    }
  }

  /**
   * The sub-questions of a planning reply, at most {@code max} (the first ones); a complexity
   * outside 1 to 5 is clamped, a missing one is 3.
   *
   * @throws IllegalArgumentException saying what is wrong with the reply
   */
  static List<SubQuestion> parse(String reply, int max) {
    JsonNode root;
    try {
      root = JSON.readTree(reply == null ? "" : reply.strip());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("not JSON");
    }
    JsonNode arr = root == null ? null : root.get("sub_questions");
    if (arr == null || !arr.isArray() || arr.isEmpty()) {
      throw new IllegalArgumentException("no \"sub_questions\" array");
    }
    List<SubQuestion> out = new ArrayList<>();
    for (JsonNode n : arr) {
      if (out.size() == max) break;
      JsonNode q = n.get("question");
      if (q == null || !q.isTextual() || q.asText().isBlank()) continue;
      JsonNode c = n.get("complexity");
      int complexity = c != null && c.isNumber() ? (int) Math.round(c.asDouble()) : 3;
      out.add(new SubQuestion(q.asText().strip(), Math.max(1, Math.min(5, complexity))));
    }
    if (out.isEmpty()) throw new IllegalArgumentException("no sub-question has text");
    return out;
  }

  static JsonSchema schema() {
    JsonObjectSchema sub =
        JsonObjectSchema.builder()
            .addProperty(
                "question", JsonStringSchema.builder().description("the sub-question").build())
            .addProperty(
                "complexity",
                JsonIntegerSchema.builder().description("1 (one lookup) to 5 (hard)").build())
            .required("question", "complexity")
            .build();
    return JsonSchema.builder()
        .name(SCHEMA_NAME)
        .rootElement(
            JsonObjectSchema.builder()
                .addProperty("sub_questions", JsonArraySchema.builder().items(sub).build())
                .required("sub_questions")
                .build())
        .build();
  }

  /**
   * Each sub-question's fraction of the budget: {@code complexity_i * decay(i, n)}, normalised to
   * add up to 1.
   */
  public static double[] fractions(List<SubQuestion> plan, Decay decay) {
    int n = plan.size();
    double[] w = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double d = decay.at(i, n);
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new IllegalArgumentException(
            "decay must be positive and finite, got " + d + " at " + i + " of " + n);
      }
      w[i] = plan.get(i).complexity() * d;
      sum += w[i];
    }
    for (int i = 0; i < n; i++) w[i] /= sum;
    return w;
  }

  /**
   * {@code budget} split by {@code fractions} cap by cap ({@link #split(long, double[])}): the
   * shares of each cap add up to the cap.
   */
  public static List<Budget> split(Budget budget, double[] fractions) {
    List<Budget.Builder> b = new ArrayList<>();
    for (int i = 0; i < fractions.length; i++) b.add(Budget.builder());
    for (Map.Entry<Cap, Long> e : budget.caps().entrySet()) {
      long[] parts = split(e.getValue(), fractions);
      for (int i = 0; i < parts.length; i++) set(b.get(i), e.getKey(), parts[i]);
    }
    return b.stream().map(Budget.Builder::build).toList();
  }

  /**
   * {@code total} split by {@code fractions} (largest remainder: the floors, then one more unit to
   * the largest remainders), then, when there are at least as many units as shares, one unit moved
   * from the largest share to each empty one, so that every sub-question can make a call. The parts
   * add up to {@code total} exactly.
   */
  public static long[] split(long total, double[] fractions) {
    int n = fractions.length;
    long[] parts = new long[n];
    double[] rest = new double[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      double exact = total * fractions[i];
      parts[i] = (long) Math.floor(exact);
      rest[i] = exact - parts[i];
      given += parts[i];
    }
    for (long left = total - given; left > 0; left--) {
      int best = 0;
      for (int i = 1; i < n; i++) if (rest[i] > rest[best]) best = i;
      parts[best]++;
      rest[best] = -1;
    }
    if (total >= n) {
      for (int i = 0; i < n; i++) {
        if (parts[i] > 0) continue;
        int largest = 0;
        for (int j = 1; j < n; j++) if (parts[j] > parts[largest]) largest = j;
        parts[largest]--;
        parts[i]++;
      }
    }
    return parts;
  }

  private static void set(Budget.Builder b, Cap cap, long v) {
    if (cap instanceof Cap.ToolUnits t) b.toolUnits(t.tool(), v);
    else if (cap instanceof Cap.ModelCalls m) b.modelCalls(m.model(), v);
    else if (cap instanceof Cap.InputTokens) b.inputTokens(v);
    else if (cap instanceof Cap.OutputTokens) b.outputTokens(v);
    else if (cap instanceof Cap.TotalTokens) b.totalTokens(v);
    else b.usd(Money.usd(v));
  }

  /** What {@code ledger} can still reserve, cap by cap of its own budget. */
  private static Budget remaining(Ledger ledger) {
    Budget.Builder b = Budget.builder();
    for (Cap cap : ledger.budget().caps().keySet()) {
      OptionalLong h = ledger.headroom(cap);
      if (h.isPresent()) set(b, cap, h.getAsLong());
    }
    return b.build();
  }

  private static String planText(List<SubQuestion> plan) {
    StringBuilder sb = new StringBuilder("\n\nPlan: answer these sub-questions in order:");
    for (int i = 0; i < plan.size(); i++) {
      sb.append("\n").append(i + 1).append(". ").append(plan.get(i).question());
    }
    return sb.toString();
  }

  private static String describe(List<SubQuestion> plan, List<Budget> shares) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < plan.size(); i++) {
      sb.append(i == 0 ? "" : "; ")
          .append(i + 1)
          .append(" (complexity ")
          .append(plan.get(i).complexity())
          .append("): ")
          .append(shares.get(i));
    }
    return sb.toString();
  }

  /** Builds a {@link PlanAndBudget} strategy. */
  public static final class Builder {
    private Decay decay = Decay.polynomial(1);
    private int maxSubQuestions = 4;
    private ReAct react = ReAct.builder().build();

    private Builder() {}

    /** The front-loaded schedule; default {@link Decay#polynomial(double) polynomial(1)}. */
    public Builder decay(Decay decay) {
      this.decay = Objects.requireNonNull(decay, "decay");
      return this;
    }

    /** The most sub-questions a plan may have, 1 to 16; default 4. */
    public Builder maxSubQuestions(int n) {
      if (n < 1 || n > 16) {
        throw new IllegalArgumentException("maxSubQuestions must be 1 to 16, got " + n);
      }
      this.maxSubQuestions = n;
      return this;
    }

    /** The ReAct that answers each sub-question; default plain ReAct. */
    public Builder react(ReAct react) {
      this.react = Objects.requireNonNull(react, "react");
      return this;
    }

    /** The strategy with this builder's settings. */
    public PlanAndBudget build() {
      return new PlanAndBudget(this);
    }
  }
}
