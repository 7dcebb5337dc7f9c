package dev.frugal.observability.otel;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys the spans carry: those of the OpenTelemetry GenAI semantic conventions ({@code
 * gen_ai.*}, {@code error.type}) and Frugal's own ({@code frugal.*}).
 */
public final class SpanKeys {
  private SpanKeys() {}

  // GenAI semantic conventions
  public static final AttributeKey<String> OPERATION =
      AttributeKey.stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> CONVERSATION_ID =
      AttributeKey.stringKey("gen_ai.conversation.id");
  public static final AttributeKey<String> REQUEST_MODEL =
      AttributeKey.stringKey("gen_ai.request.model");
  public static final AttributeKey<String> RESPONSE_MODEL =
      AttributeKey.stringKey("gen_ai.response.model");
  public static final AttributeKey<Long> INPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> OUTPUT_TOKENS =
      AttributeKey.longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
  public static final AttributeKey<String> TOOL_CALL_ARGUMENTS =
      AttributeKey.stringKey("gen_ai.tool.call.arguments");
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  // Frugal
  public static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("frugal.run.id");
  public static final AttributeKey<String> QUESTION = AttributeKey.stringKey("frugal.question");
  public static final AttributeKey<String> ANSWER = AttributeKey.stringKey("frugal.answer");
  public static final AttributeKey<String> STRATEGY = AttributeKey.stringKey("frugal.strategy");
  public static final AttributeKey<String> STOP_REASON =
      AttributeKey.stringKey("frugal.stop_reason");
  public static final AttributeKey<Long> STEP = AttributeKey.longKey("frugal.step");
  public static final AttributeKey<Long> STEPS = AttributeKey.longKey("frugal.steps");
  public static final AttributeKey<String> PURPOSE = AttributeKey.stringKey("frugal.purpose");
  public static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("frugal.attempt");
  public static final AttributeKey<Boolean> RETRYING = AttributeKey.booleanKey("frugal.retrying");
  public static final AttributeKey<Long> CACHED_INPUT_TOKENS =
      AttributeKey.longKey("frugal.usage.cached_input_tokens");
  public static final AttributeKey<Double> COST_USD = AttributeKey.doubleKey("frugal.cost.usd");
  public static final AttributeKey<Long> TOOL_UNITS = AttributeKey.longKey("frugal.tool.units");
  public static final AttributeKey<String> TOOL_OUTCOME =
      AttributeKey.stringKey("frugal.tool.outcome");
  public static final AttributeKey<Boolean> CACHE_HIT = AttributeKey.booleanKey("frugal.cache.hit");
  public static final AttributeKey<String> REFUSED_BY = AttributeKey.stringKey("frugal.refused_by");
  public static final AttributeKey<String> REGIME = AttributeKey.stringKey("frugal.regime");
  public static final AttributeKey<Double> REMAINING_FRACTION =
      AttributeKey.doubleKey("frugal.budget.remaining_fraction");
  public static final AttributeKey<Double> REMAINING_USD =
      AttributeKey.doubleKey("frugal.budget.remaining_usd");
  public static final AttributeKey<Long> REMAINING_TOOL_UNITS =
      AttributeKey.longKey("frugal.budget.remaining_tool_units");
  public static final AttributeKey<String> SCOPE_KIND = AttributeKey.stringKey("frugal.scope.kind");
  public static final AttributeKey<Long> SCOPE_ID = AttributeKey.longKey("frugal.scope.id");
  public static final AttributeKey<String> ROUTER_PROPOSED =
      AttributeKey.stringKey("frugal.router.proposed");
  public static final AttributeKey<String> ROUTER_CHOSEN =
      AttributeKey.stringKey("frugal.router.chosen");
  public static final AttributeKey<Double> ROUTER_LARGE_PROBABILITY =
      AttributeKey.doubleKey("frugal.router.large_probability");
  public static final AttributeKey<Boolean> ROUTER_MASKED =
      AttributeKey.booleanKey("frugal.router.masked");

  /** Error types Frugal sets on {@code error.type} besides exception class names. */
  public static final String ERROR_BUDGET_REFUSED = "frugal.budget_refused";

  public static final String ERROR_TOOL = "frugal.tool_error";

  /** The per-cap remaining attribute of the run span, e.g. {@code frugal.budget.remaining.usd}. */
  public static AttributeKey<Double> remaining(String capKey) {
    return AttributeKey.doubleKey("frugal.budget.remaining." + capKey);
  }
}
