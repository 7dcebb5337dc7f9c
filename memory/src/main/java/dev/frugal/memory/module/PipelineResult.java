package dev.frugal.memory.module;

import dev.frugal.core.budget.Spend;
import java.util.List;

/**
 * What the pipeline found for one query.
 *
 * @param summary the knowledge summary for the answering model
 * @param evidence the sentences the Filter kept
 * @param entities the Entity module's findings
 * @param dates the Temporal module's findings
 * @param topics the Topic module's findings
 * @param runs how each module ran, in pipeline order
 */
public record PipelineResult(
    String summary,
    List<Evidence> evidence,
    List<EntityMention> entities,
    List<DateMention> dates,
    List<String> topics,
    List<ModuleRun> runs) {

  /** Copies the lists. */
  public PipelineResult {
    evidence = List.copyOf(evidence);
    entities = List.copyOf(entities);
    dates = List.copyOf(dates);
    topics = List.copyOf(topics);
    runs = List.copyOf(runs);
  }

  /** The total spend of the query's module calls. */
  public Spend spend() {
    Spend s = Spend.ZERO;
    for (ModuleRun r : runs) s = s.plus(r.spend());
    return s;
  }
}
