package dev.frugal.memory.module;

import dev.frugal.core.budget.BudgetExceededException;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.Spend;
import dev.frugal.memory.history.Chunk;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.internal.KeywordTopics;
import dev.frugal.memory.internal.PatternEntities;
import dev.frugal.memory.internal.RuleTemporal;
import dev.frugal.memory.model.ModelCaller;
import dev.frugal.memory.model.PromptStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs Filter -> {Entity, Temporal, Topic} -> Summary over the retrieved chunks of one query. The
 * three extractors read only the Filter's output, never one another's, so their order does not
 * matter (they run one after the other here). Before each module the chooser picks a tier among
 * those whose worst-case cost the ledger can still hold (the hard per-query cap); a module with no
 * affordable tier, or whose model call fails, runs its free rule-based code instead.
 */
public final class Pipeline {
  private final Map<Module, Axis> axes;
  private final Embedder embedder;
  private final ModelCaller caller;
  private final int keep;
  private final Bm25Filter bm25;
  private final EmbeddingFilter embeddingFilter;
  private final PatternEntities patternEntities = new PatternEntities();
  private final RuleTemporal ruleTemporal = new RuleTemporal();
  private final KeywordTopics keywordTopics = new KeywordTopics(3);
  private final TemplateSummary templateSummary = new TemplateSummary();

  /**
   * @param axes the axis of each module (missing ones: {@link Axis#IMPLEMENTATION})
   * @param embedder the embedding model (for the embedding filter)
   * @param caller the metered models, or null when there are none (only free tiers are allowed)
   * @param keep how many sentences the Filter keeps
   */
  public Pipeline(Map<Module, Axis> axes, Embedder embedder, ModelCaller caller, int keep) {
    EnumMap<Module, Axis> a = new EnumMap<>(Module.class);
    for (Module m : Module.values()) a.put(m, axes.getOrDefault(m, Axis.IMPLEMENTATION));
    this.axes = Map.copyOf(a);
    this.embedder = embedder;
    this.caller = caller;
    this.keep = keep;
    this.bm25 = new Bm25Filter(keep);
    this.embeddingFilter = new EmbeddingFilter(embedder, keep);
  }

  /** The axis each module runs on. */
  public Map<Module, Axis> axes() {
    return axes;
  }

  /**
   * Runs the modules for {@code query} over {@code chunks}, paying from {@code ledger}. {@code
   * queryVector} may be null (BM25 retrieval embedded nothing): the query is then embedded only if
   * the chooser reads it ({@link TierChooser#readsQueryVector}) or an embedding filter runs.
   */
  public PipelineResult run(
      String query, float[] queryVector, List<Chunk> chunks, TierChooser chooser, Ledger ledger) {
    float[][] memo = {queryVector};
    Supplier<float[]> vector =
        () -> {
          if (memo[0] == null) memo[0] = embedder.embed(query);
          return memo[0];
        };
    List<ModuleRun> runs = new ArrayList<>();
    List<Evidence> candidates = new ArrayList<>();
    for (Chunk c : chunks) {
      for (String s : c.sentences())
        candidates.add(new Evidence(c.id(), c.source(), c.date(), s, 0));
    }
    String filterState =
        "retrieved "
            + chunks.size()
            + " chunks, "
            + candidates.size()
            + " sentences: "
            + head(candidates);
    List<Evidence> evidence =
        step(
            Module.FILTER,
            query,
            vector,
            filterState,
            chooser,
            ledger,
            runs,
            style -> ModelPrompts.filter(query, candidates, style),
            reply -> {
              List<Evidence> kept = ModelPrompts.parseKeep(reply, candidates);
              return kept.isEmpty() ? null : kept;
            },
            impl ->
                impl instanceof Axis.Implementation.Embedding
                    ? embeddingFilter.filter(vector.get(), chunks)
                    : bm25.filter(query, chunks));
    List<String> sentences = evidence.stream().map(Evidence::sentence).toList();
    String extractState = "evidence of " + evidence.size() + " sentences: " + head(evidence);
    String firstSource = evidence.isEmpty() ? "" : evidence.get(0).source();
    List<EntityMention> entities =
        step(
            Module.ENTITY,
            query,
            vector,
            extractState,
            chooser,
            ledger,
            runs,
            style -> ModelPrompts.entity(query, evidence, style),
            reply -> nonEmpty(ModelPrompts.parseEntities(reply)),
            impl -> patternEntities.extract(sentences));
    List<DateMention> dates =
        step(
            Module.TEMPORAL,
            query,
            vector,
            extractState,
            chooser,
            ledger,
            runs,
            style -> ModelPrompts.temporal(query, evidence, style),
            reply -> ModelPrompts.parseDates(reply, firstSource),
            impl -> ruleTemporal.extract(evidence));
    List<String> topics =
        step(
            Module.TOPIC,
            query,
            vector,
            extractState,
            chooser,
            ledger,
            runs,
            style -> ModelPrompts.topic(query, evidence, style),
            reply -> nonEmpty(ModelPrompts.parseTopics(reply)),
            impl -> keywordTopics.extract(query, sentences));
    String summaryState =
        "evidence "
            + evidence.size()
            + " sentences; entities "
            + names(entities)
            + "; dates "
            + dates.size()
            + "; topics "
            + String.join(", ", topics);
    String summary =
        step(
            Module.SUMMARY,
            query,
            vector,
            summaryState,
            chooser,
            ledger,
            runs,
            style -> ModelPrompts.summary(query, evidence, entities, dates, topics, style),
            reply -> {
              String s = ModelPrompts.parseSummary(reply);
              return s.isBlank() ? null : s;
            },
            impl -> templateSummary.write(query, evidence, entities, dates, topics));
    return new PipelineResult(summary, evidence, entities, dates, topics, runs);
  }

  /** The worst-case cost of {@code module} at each tier, for this prompt. */
  private Spend worstCase(Axis.Implementation impl, Function<PromptStyle, String> prompt) {
    if (impl instanceof Axis.Implementation.Model m) {
      return caller.estimate(m.size(), prompt.apply(m.style()), m.style());
    }
    return Spend.ZERO;
  }

  private <T> T step(
      Module module,
      String query,
      Supplier<float[]> queryVector,
      String state,
      TierChooser chooser,
      Ledger ledger,
      List<ModuleRun> runs,
      Function<PromptStyle, String> prompt,
      Function<String, T> parse,
      Function<Axis.Implementation, T> free) {
    Axis axis = axes.get(module);
    Set<MemoryTier> allowed = EnumSet.noneOf(MemoryTier.class);
    for (MemoryTier t : MemoryTier.values()) {
      Axis.Implementation impl = axis.implementation(module, t);
      if (impl instanceof Axis.Implementation.Model && caller == null) continue;
      if (ledger.wouldExceed(worstCase(impl, prompt)).isEmpty()) allowed.add(t);
    }
    if (allowed.isEmpty()) {
      runs.add(
          new ModuleRun(
              module, null, "rules", Set.of(), Spend.ZERO, "no tier affordable under the cap"));
      return free.apply(new Axis.Implementation.Rules());
    }
    MemoryTier tier =
        chooser.choose(
            module,
            new TierChooser.Situation(
                query, chooser.readsQueryVector() ? queryVector.get() : null, state),
            Set.copyOf(allowed));
    if (!allowed.contains(tier)) {
      throw new IllegalStateException(
          "tier chooser picked " + tier + " for " + module + " outside the allowed " + allowed);
    }
    Axis.Implementation impl = axis.implementation(module, tier);
    if (!(impl instanceof Axis.Implementation.Model m)) {
      String name = impl instanceof Axis.Implementation.Embedding ? "embedding" : "rules";
      runs.add(new ModuleRun(module, tier, name, Set.copyOf(allowed), Spend.ZERO, ""));
      return free.apply(impl);
    }
    String label = m.size() + "/" + m.style();
    try {
      ModelCaller.Reply reply = caller.call(m.size(), prompt.apply(m.style()), m.style(), ledger);
      T parsed = parse.apply(reply.text());
      if (parsed == null) {
        runs.add(
            new ModuleRun(
                module,
                tier,
                label,
                Set.copyOf(allowed),
                reply.spend(),
                "unreadable reply; rules used"));
        return free.apply(new Axis.Implementation.Rules());
      }
      runs.add(new ModuleRun(module, tier, label, Set.copyOf(allowed), reply.spend(), ""));
      return parsed;
    } catch (BudgetExceededException e) {
      runs.add(
          new ModuleRun(
              module,
              tier,
              label,
              Set.copyOf(allowed),
              Spend.ZERO,
              "refused by the budget: " + e.getMessage()));
      return free.apply(new Axis.Implementation.Rules());
    } catch (RuntimeException e) {
      runs.add(
          new ModuleRun(
              module,
              tier,
              label,
              Set.copyOf(allowed),
              Spend.ZERO,
              "model call failed (" + e.getMessage() + "); rules used"));
      return free.apply(new Axis.Implementation.Rules());
    }
  }

  private static <T> List<T> nonEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }

  private static String names(List<EntityMention> entities) {
    List<String> n = new ArrayList<>();
    for (EntityMention e : entities) n.add(e.name());
    return String.join(", ", n);
  }

  private static String head(List<Evidence> evidence) {
    StringBuilder sb = new StringBuilder();
    for (Evidence e : evidence) {
      if (sb.length() > 300) break;
      sb.append(e.sentence()).append(' ');
    }
    return sb.toString().strip();
  }

  /** How many sentences the Filter keeps. */
  public int keep() {
    return keep;
  }
}
