package dev.frugal.testbed.sim;

import static dev.frugal.testbed.sim.SimParameter.LATENCY_MS;
import static dev.frugal.testbed.sim.SimParameter.THOUGHT_TOKENS;

import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A <b>simulated</b> model for the testbed (simulator v3, docs/testbed.md): a policy simulator that
 * plays an agent with a declared {@link SimProfile} on the questions of a {@link SimWorld}. It is
 * not a language model and never claims to be one; it reports its profile's name (e.g. {@code
 * sim-small}) as the model.
 *
 * <p><b>The rule.</b> The simulated model may use gold data for exactly two declared things: to
 * simulate <i>comprehension</i> of text that is in a role's request (understanding a supporting
 * paragraph, or misreading a distractor as one), and a fixed per-question draw of whether the model
 * knows the answer from memory ({@code memoryRecall}). Every role (agent, verifier, critic, judge,
 * summariser, planner) reads for itself with its own draws. Everything else it produces (queries,
 * which result to open, the answer text, and every judgement) is a function of the request, that
 * role's reading, its profile and its random stream. {@link Comprehension} is the one class that
 * reads supporting labels (only of paragraphs present in the request) and answers; the bench's
 * grader alone scores. An architecture test and metamorphic tests (replace the gold answer, with a
 * mutant verifier that must fail; move labels between unseen paragraphs) hold it to this.
 *
 * <p>It reads only the {@link ChatRequest}: the messages, the tool specifications and the response
 * format, exactly what a hosted model receives. The contract with the engine:
 *
 * <ul>
 *   <li>the first user message contains the question text verbatim (an unknown question is an
 *       {@link IllegalArgumentException});
 *   <li>tools are offered as specifications named {@code search} (array {@code queries}) and {@code
 *       open} (array {@code ids}); the reply is an {@link AiMessage} with tool execution requests,
 *       or text with {@code <answer>ANSWER</answer>};
 *   <li>tool results come back as tool-result messages, followed, with the Budget Tracker on, by
 *       its status block; the system message then contains "Budget Tracker" and the regime lines
 *       whose thresholds and advice the model follows as written ({@link TrackerPrompt}). A result
 *       starting with {@code ERROR} that mentions the budget, or containing "budget refused", is a
 *       refusal;
 *   <li>a request without tool specifications forces the final answer, given at once;
 *   <li>structured requests are recognised as a model would, from the request itself: a JSON
 *       response format whose schema name contains {@code verif}, {@code critique}/{@code critic},
 *       {@code judge}, {@code plan} or {@code summar}, or else a last user message asking for a
 *       {@code decision} among SUCCESS/CONTINUE/PIVOT (verification), a {@code "score"} (critique)
 *       or a {@code "choice"} (judge). See {@link SelfAssessment} and {@link QuestionPlan}.
 * </ul>
 *
 * <p>What the simulated agent does at a step is {@link AgentPolicy}; its answer text is {@link
 * AnswerWriter}; what it knows is {@link Transcript}. Randomness: one stream per model and role,
 * keyed on (the role's seed: the episode's for the agent, a fixed one for the judging roles; model
 * name, role, question id, request kind, number of messages, the request's evidence: its tool calls
 * and tool results), never on answer text, so the same request always gets the same reply, on any
 * thread, in any order, as from a model at temperature 0. A request that asks for sampling
 * (temperature above 0) also mixes in how many sampled requests this instance has answered. Usage:
 * input tokens are the characters of all messages plus those of the tool specifications and the
 * response format's schema ({@link #specChars}), divided by 4; output tokens are the reply's own
 * characters divided by 4 plus a drawn {@code thoughtTokens} (0.5 to 1.5 times the profile's),
 * never more than the request's {@code maxOutputTokens} (then the finish reason is LENGTH; the
 * reply keeps its content). Each reply waits {@code latencyMs} through the injected {@link
 * Sleeper}.
 */
public final class SimulatedChatModel implements ChatModel {

  /** Waits out the simulated latency; inject {@link #NONE} to run without waiting. */
  @FunctionalInterface
  public interface Sleeper {
    /** Sleeps with {@link Thread#sleep(long)}. */
    Sleeper REAL = Thread::sleep;

    /** Does not wait. */
    Sleeper NONE = millis -> {};

    void sleep(long millis) throws InterruptedException;
  }

  /**
   * Answers a verification request read by the verifier ({@link SelfAssessment#verify} by default).
   * Package-private so that a test can plant a mutant verifier and show that the metamorphic tests
   * catch one that peeks at gold data.
   */
  @FunctionalInterface
  interface Verifier {
    AiMessage verify(Transcript t, List<ChatMessage> messages, SplittableRandom rng);
  }

  /** The kinds of request the simulation tells apart. */
  enum RequestKind {
    STEP,
    FINAL_ANSWER,
    VERIFICATION,
    CRITIQUE,
    JUDGE,
    PLAN,
    SUMMARY
  }

  private final SimProfile profile;
  private final SimWorld world;
  private final long seed;
  private final Sleeper sleeper;
  private final Comprehension comprehension;
  private final AgentPolicy policy;
  private final SelfAssessment assessment;
  private final Verifier verifier;
  // Sampled requests (temperature > 0) draw afresh each time; counted per instance, so an episode
  // that makes its calls in one order (every strategy here does) stays reproducible.
  private final java.util.concurrent.atomic.AtomicLong samples =
      new java.util.concurrent.atomic.AtomicLong();

  private SimulatedChatModel(Builder b) {
    this.profile = b.profile;
    this.world = b.world;
    this.seed = b.seed;
    this.sleeper = b.sleeper;
    this.comprehension = new Comprehension(world, profile, seed);
    AnswerWriter writer = new AnswerWriter(profile);
    this.policy = new AgentPolicy(profile, writer);
    this.assessment = new SelfAssessment(profile, world, comprehension, writer);
    this.verifier = b.verifier != null ? b.verifier : assessment::verify;
  }

  public static Builder builder() {
    return new Builder();
  }

  public SimProfile profile() {
    return profile;
  }

  @Override
  public Set<Capability> supportedCapabilities() {
    return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    RequestKind kind = kindOf(request, Transcript.lastUserText(messages));
    Comprehension.Role role = roleOf(kind);
    Transcript t = Transcript.read(messages, world, comprehension, role);
    Double temperature = request.temperature();
    // One stream per model and role, keyed on the role's seed (the episode's for the agent, a fixed
    // one for every judging role) and the request's evidence (tool calls and results), never on
    // answer text; a sampled request also mixes in how many samples this instance has drawn.
    Object[] key = {profile.modelName(), role, t.question.id(), kind, messages.size(), t.evidence};
    SplittableRandom rng =
        temperature != null && temperature > 0 && kind != RequestKind.CRITIQUE
            ? Seeds.random(
                t.seed,
                key[0],
                key[1],
                key[2],
                key[3],
                key[4],
                key[5],
                "sample",
                samples.getAndIncrement())
            : Seeds.random(t.seed, key);
    List<ToolSpecification> specs =
        request.toolSpecifications() == null ? List.of() : request.toolSpecifications();
    String callId = "sim-" + messages.size();
    AiMessage reply =
        switch (kind) {
          case STEP ->
              policy.act(
                  t, offers(specs, SearchTool.NAME), offers(specs, OpenTool.NAME), rng, callId);
          case FINAL_ANSWER -> policy.finalAnswer(t);
          case VERIFICATION -> verifier.verify(t, messages, rng);
          case CRITIQUE -> assessment.critique(messages, rng);
          case JUDGE -> assessment.judge(t, messages, rng);
          case PLAN ->
              AiMessage.from(
                  asksForSubQuestions(request)
                      ? QuestionPlan.subQuestions(t.question.text(), profile, rng)
                      : QuestionPlan.reply(t.question.text()));
          case SUMMARY -> assessment.summarise(t);
        };
    simulateLatency();
    long input = (inputChars(messages) + specChars(request)) / 4;
    double thought = profile.value(THOUGHT_TOKENS) * (0.5 + rng.nextDouble());
    long output = Math.max(1, Math.round(thought) + (replyChars(reply) + 3) / 4);
    // Like a hosted model, never bill more output than the request allows (maxOutputTokens);
    // a simplification: the capped reply keeps its content, only its length is cut.
    Integer max = request.maxOutputTokens();
    boolean capped = max != null && output > max;
    if (capped) output = max;
    return ChatResponse.builder()
        .aiMessage(reply)
        .modelName(profile.modelName())
        .id(callId)
        .tokenUsage(new TokenUsage((int) input, (int) output))
        .finishReason(
            capped
                ? FinishReason.LENGTH
                : reply.hasToolExecutionRequests()
                    ? FinishReason.TOOL_EXECUTION
                    : FinishReason.STOP)
        .build();
  }

  /** The role that answers a request of {@code kind}. */
  static Comprehension.Role roleOf(RequestKind kind) {
    return switch (kind) {
      case STEP, FINAL_ANSWER -> Comprehension.Role.AGENT;
      case VERIFICATION -> Comprehension.Role.VERIFIER;
      case CRITIQUE -> Comprehension.Role.CRITIC;
      case JUDGE -> Comprehension.Role.JUDGE;
      case PLAN -> Comprehension.Role.PLANNER;
      case SUMMARY -> Comprehension.Role.SUMMARISER;
    };
  }

  /** Whether a planning request asks for Plan-and-Budget's sub-questions (its schema's name). */
  static boolean asksForSubQuestions(ChatRequest request) {
    ResponseFormat rf = request.responseFormat();
    return rf != null
        && rf.jsonSchema() != null
        && rf.jsonSchema().name() != null
        && rf.jsonSchema().name().toLowerCase(Locale.ROOT).contains("plan_and_budget");
  }

  static RequestKind kindOf(ChatRequest request, String lastUserText) {
    ResponseFormat rf = request.responseFormat();
    if (rf != null && rf.jsonSchema() != null && rf.jsonSchema().name() != null) {
      String name = rf.jsonSchema().name().toLowerCase(Locale.ROOT);
      if (name.contains("verif")) return RequestKind.VERIFICATION;
      if (name.contains("critique") || name.contains("critic")) return RequestKind.CRITIQUE;
      if (name.contains("judge")) return RequestKind.JUDGE;
      if (name.contains("plan")) return RequestKind.PLAN;
      if (name.contains("summar")) return RequestKind.SUMMARY;
    }
    String ask = lastUserText;
    String lower = ask.toLowerCase(Locale.ROOT);
    if (lower.contains("decision")
        && ask.contains("SUCCESS")
        && ask.contains("CONTINUE")
        && ask.contains("PIVOT")) {
      return RequestKind.VERIFICATION;
    }
    if (lower.contains("\"score\"")) return RequestKind.CRITIQUE;
    if (lower.contains("\"choice\"")) return RequestKind.JUDGE;
    boolean tools = request.toolSpecifications() != null && !request.toolSpecifications().isEmpty();
    return tools ? RequestKind.STEP : RequestKind.FINAL_ANSWER;
  }

  private static boolean offers(List<ToolSpecification> specs, String name) {
    return specs.stream().anyMatch(s -> name.equals(s.name()));
  }

  /**
   * The characters of the tool specifications and the response format's schema as a provider would
   * count them: each tool's name and description, and each top-level parameter's name and
   * description; the schema's name and each top-level property's name and description. The same
   * count whether the request came in process or through the OpenAI-compatible endpoint.
   */
  static long specChars(ChatRequest request) {
    long chars = 0;
    if (request.toolSpecifications() != null) {
      for (ToolSpecification s : request.toolSpecifications()) {
        chars += s.name().length() + (s.description() == null ? 0 : s.description().length());
        chars += propertyChars(s.parameters());
      }
    }
    ResponseFormat rf = request.responseFormat();
    if (rf != null && rf.jsonSchema() != null) {
      String name = rf.jsonSchema().name();
      chars += (name == null ? 0 : name.length()) + propertyChars(rf.jsonSchema().rootElement());
    }
    return chars;
  }

  private static long propertyChars(JsonSchemaElement element) {
    if (!(element instanceof JsonObjectSchema o) || o.properties() == null) return 0;
    long chars = 0;
    for (java.util.Map.Entry<String, JsonSchemaElement> e : o.properties().entrySet()) {
      String d = e.getValue() == null ? null : e.getValue().description();
      chars += e.getKey().length() + (d == null ? 0 : d.length());
    }
    return chars;
  }

  /** The characters of the reply: its text and its tool calls' names and arguments. */
  private static long replyChars(AiMessage reply) {
    return Transcript.textOf(reply).length();
  }

  private static long inputChars(List<ChatMessage> messages) {
    long chars = 0;
    for (ChatMessage m : messages) chars += Transcript.textOf(m).length();
    return chars;
  }

  private void simulateLatency() {
    long ms = Math.round(profile.value(LATENCY_MS));
    if (ms == 0) return;
    try {
      sleeper.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while simulating " + ms + " ms of latency", e);
    }
  }

  /** Builds a {@link SimulatedChatModel}; profile and world are required. */
  public static final class Builder {
    private SimProfile profile;
    private SimWorld world;
    private long seed;
    private Sleeper sleeper = Sleeper.REAL;
    private Verifier verifier;

    private Builder() {}

    /** Replaces the verifier (tests only: to plant a mutant). */
    Builder verifier(Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    public Builder profile(SimProfile profile) {
      this.profile = Objects.requireNonNull(profile, "profile");
      return this;
    }

    public Builder world(SimWorld world) {
      this.world = Objects.requireNonNull(world, "world");
      return this;
    }

    /** The run seed; the same seed gives the same replies. Default 0. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** How latency is waited out; default {@link Sleeper#REAL}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public SimulatedChatModel build() {
      if (profile == null) {
        throw new IllegalStateException(
            "no profile: call profile(SimProfile.small()) or another SimProfile before build()");
      }
      if (world == null) {
        throw new IllegalStateException(
            "no world: call world(new SimWorld(dataset)) with the dataset the questions come from");
      }
      return new SimulatedChatModel(this);
    }
  }
}
