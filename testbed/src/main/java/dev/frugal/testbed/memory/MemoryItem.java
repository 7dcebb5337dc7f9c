package dev.frugal.testbed.memory;

import dev.frugal.memory.history.History;
import java.util.List;
import java.util.Set;

/**
 * One question of the memory testbed.
 *
 * @param id its id in the source data
 * @param question the question
 * @param answers the acceptable gold answers (read only by the grader)
 * @param history what the memory holds
 * @param supporting the sentences that carry the supporting facts (read only by {@link
 *     Comprehension}, and by {@link EvidenceRecall} to measure retrieval for the tables)
 * @param category a label for per-category tables (HotpotQA type or LoCoMo category)
 */
public record MemoryItem(
    String id,
    String question,
    List<String> answers,
    History history,
    Set<String> supporting,
    String category) {}
