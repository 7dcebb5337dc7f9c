package dev.frugal.examples.cli;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.memory.Memory;
import dev.frugal.memory.Recall;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.history.History;
import dev.frugal.memory.history.HistoryFiles;
import dev.frugal.memory.history.Retrieval;
import dev.frugal.memory.model.MemoryModels;
import dev.frugal.memory.model.ModelSize;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.TierChooser;
import dev.frugal.memory.routing.TierRouter;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frugal memory ask --history FILE "question"}: the memory's knowledge summary for a
 * question over a conversation or documents, with its cost and the tier of each module.
 */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description =
        "Recall over a history file (JSON: {\"sessions\": [...]} or {\"documents\": [...]}) and"
            + " print the memory's knowledge summary, its cost and the tiers used. LOW tiers are"
            + " free rule-based code; mid/high/auto need a model (--base-url URL --model NAME).")
final class MemoryAskCommand implements Callable<Integer> {
  @Option(names = "--history", required = true, description = "the history JSON file")
  Path history;

  @Option(
      names = "--tier",
      defaultValue = "low",
      description = "low (default), mid, high, or auto (the shipped tier router)")
  String tier;

  @Option(
      names = "--axis",
      defaultValue = "implementation",
      description = "implementation (default), reasoning or capacity")
  String axis;

  @Option(names = "--base-url", description = "an OpenAI-compatible server for the MID/HIGH tiers")
  String baseUrl;

  @Option(names = "--model", description = "the model name on that server (used for every size)")
  String model;

  @Option(
      names = "--price",
      defaultValue = "0.15,0.60",
      description = "USD per million input,output tokens of --model")
  String price;

  @Option(
      names = "--max-usd",
      defaultValue = "0.01",
      description = "hard cap in dollars for this recall")
  double maxUsd;

  @Option(names = "--top-k", defaultValue = "5", description = "chunks retrieved (default 5)")
  int topK;

  @Option(
      names = "--retrieval",
      defaultValue = "hybrid",
      description =
          "hybrid (default: BM25 + embedding, rank fusion), embedding (the paper's) or bm25"
              + " (no embedding model loaded at LOW tiers)")
  String retrieval;

  @Parameters(index = "0", description = "the question")
  String question;

  @Override
  public Integer call() {
    History h = HistoryFiles.read(history);
    Axis ax = parseAxis(axis);
    Memory.Builder b =
        Memory.builder()
            .history(h)
            .topK(topK)
            .retrieval(Retrieval.parse(retrieval))
            .axis(ax)
            .perQueryUsd(maxUsd);
    if (baseUrl != null || model != null) {
      if (baseUrl == null || model == null) {
        throw new IllegalArgumentException(
            "a model for MID/HIGH tiers needs both --base-url and --model");
      }
      String[] p = price.split(",");
      if (p.length != 2)
        throw new IllegalArgumentException(
            "--price must be IN,OUT dollars per million tokens, e.g. 0.15,0.60");
      var chat =
          OpenAiChatModel.builder()
              .baseUrl(baseUrl)
              .apiKey(System.getenv().getOrDefault("OPENAI_API_KEY", "none"))
              .modelName(model)
              .build();
      NamedModel nm = new NamedModel(model, chat);
      b.models(
          new MemoryModels(
              Map.of(ModelSize.SMALL, nm, ModelSize.MID, nm, ModelSize.LARGE, nm),
              PriceTable.builder()
                  .model(
                      model,
                      ModelPrice.of(
                          Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip())))
                  .build()));
    } else if (!tier.equalsIgnoreCase("low")
        && !(ax == Axis.IMPLEMENTATION && tier.equalsIgnoreCase("mid"))) {
      System.err.println(
          "memory: no model given (--base-url URL --model NAME): tiers that call a model are masked; free tiers run.");
    }
    TierChooser chooser =
        switch (tier.toLowerCase()) {
          case "low" -> TierChooser.fixed(MemoryTier.LOW);
          case "mid" -> TierChooser.fixed(MemoryTier.MID);
          case "high" -> TierChooser.fixed(MemoryTier.HIGH);
          case "auto" -> TierRouter.loadDefault(Embedder.shared());
          default ->
              throw new IllegalArgumentException(
                  "unknown --tier '" + tier + "'; valid: low, mid, high, auto");
        };
    Memory memory = b.tiers(chooser).build();
    try (Ledger ledger = Ledger.open(Budget.builder().usd(maxUsd).build())) {
      Recall r = memory.recall(question, ledger);
      // the summary quotes the history's titles and text: escape control characters
      System.out.println(TerminalText.lines(r.summary()));
      System.out.println();
      System.out.printf(
          "cost: $%.6f   tiers: %s   chunks: %d%n", r.usd(), r.tiers(), memory.chunks().size());
      r.details().runs().stream()
          .filter(x -> !x.note().isEmpty())
          .forEach(
              x -> System.out.println(TerminalText.line("note: " + x.module() + ": " + x.note())));
    }
    return 0;
  }

  static Axis parseAxis(String s) {
    try {
      return Axis.valueOf(s.strip().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown axis '" + s + "'; valid: implementation, reasoning, capacity");
    }
  }
}
