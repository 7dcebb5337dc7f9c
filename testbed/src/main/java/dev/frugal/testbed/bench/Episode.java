package dev.frugal.testbed.bench;

import java.util.Map;

/**
 * One question answered once: the configuration it ran under and what came out.
 *
 * @param dataset dataset name
 * @param strategy strategy name
 * @param model model name
 * @param budget units per tool
 * @param seed seed index
 * @param questionId the question
 * @param exactMatch 1 when the answer matched a gold span after normalisation, else 0
 * @param f1 token F1 against the best gold span
 * @param usd unified cost
 * @param toolUnits units over all tools
 * @param tokens input plus output tokens
 * @param modelCalls calls by model
 * @param steps steps taken
 * @param millis wall time
 * @param stopReason why the run ended
 * @param setting the assumption setting it ran under (0 = the registry's point values)
 * @param answer the answer given ("" when none)
 * @param forced whether the answer was forced because the budget or the steps ran out
 * @param verdicts the verifier's decisions (SUCCESS, CONTINUE or PIVOT), in order
 * @param callsByPurpose model calls by purpose (step, verify, judge, ...)
 * @param units tool units used, by tool
 * @param answerSourceTitles titles of the question's paragraphs whose text holds the answer text
 *     (empty for yes/no, "unknown" or no answer)
 */
public record Episode(
    String dataset,
    String strategy,
    String model,
    int budget,
    int seed,
    String questionId,
    double exactMatch,
    double f1,
    double usd,
    long toolUnits,
    long tokens,
    Map<String, Long> modelCalls,
    int steps,
    long millis,
    String stopReason,
    int setting,
    String answer,
    boolean forced,
    java.util.List<String> verdicts,
    Map<String, Long> callsByPurpose,
    Map<String, Long> units,
    java.util.List<String> answerSourceTitles) {}
