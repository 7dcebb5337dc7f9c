package dev.frugal.examples.cli;

import ai.djl.Device;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.routing.PpoTierTraining;
import dev.frugal.memory.routing.TierRouter;
import dev.frugal.router.policy.Devices;
import dev.frugal.router.policy.PpoOptions;
import dev.frugal.testbed.memory.MemoryBench;
import dev.frugal.testbed.memory.MemoryData;
import dev.frugal.testbed.memory.MemoryItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code frugal memory train}: PPO training of the tier router on HotpotQA dev items. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Train the BudgetMem tier router with PPO on HotpotQA dev items answered through the memory"
            + " with SIMULATED models; writes policy.json, policy.params and progress.csv to --out.")
final class MemoryTrainCommand implements Callable<Integer> {
  @Option(
      names = "--hotpot",
      defaultValue = "../shared/data/hotpotqa/dev500.jsonl",
      description = "HotpotQA dev jsonl")
  Path hotpot;

  @Option(
      names = "--items",
      defaultValue = "0-300",
      description = "item range used for training, FROM-TO (default 0-300)")
  String items;

  @Option(
      names = "--axis",
      defaultValue = "capacity",
      description = "implementation, reasoning or capacity (default)")
  String axis;

  @Option(names = "--lambda", defaultValue = "0.1", description = "weight of the cost reward")
  double lambda;

  @Option(
      names = "--iterations",
      defaultValue = "30",
      description = "PPO updates of 32 queries each")
  int iterations;

  @Option(names = "--lr", defaultValue = "3e-4", description = "Adam learning rate (paper: 3e-4)")
  float lr;

  @Option(names = "--seed", defaultValue = "1", description = "seed")
  long seed;

  @Option(
      names = "--device",
      defaultValue = "auto",
      description = "auto (GPU when DJL sees one), cpu, gpu, gpu:N")
  String device;

  @Option(names = "--out", defaultValue = "target/memory-router", description = "output folder")
  Path out;

  @Override
  public Integer call() throws IOException {
    int[] range = MemoryBenchCommand.range(items);
    List<MemoryItem> train = MemoryData.hotpot(hotpot, range[0], range[1]);
    Axis ax = MemoryAskCommand.parseAxis(axis);
    MemoryBench bench = new MemoryBench(seed);
    List<PpoTierTraining.Episode> episodes = new ArrayList<>();
    for (MemoryItem it : train) episodes.add(bench.episode(it, ax));
    Device d = Devices.choose(device);
    System.err.printf(
        "memory train: %d items, axis %s, lambda %.3f, %d iterations, device %s%n",
        train.size(), ax, lambda, iterations, d);
    Files.createDirectories(out);
    StringBuilder csv =
        new StringBuilder("iteration,mean_f1,mean_usd,mean_reward,loss,low,mid,high\n");
    try (TierRouter router = TierRouter.untrained(seed, List.of(64), d, Embedder.shared())) {
      PpoTierTraining.train(
          router,
          episodes,
          new PpoTierTraining.Config(
              lambda, 32, iterations, 2000, seed, PpoOptions.paper(seed).withLearningRate(lr)),
          p -> {
            System.err.printf(
                "  iteration %d/%d  F1 %.3f  $/query %.6f  reward %.3f  loss %.4f  tiers L/M/H %.2f/%.2f/%.2f%n",
                p.iteration(),
                p.iterations(),
                p.meanScore(),
                p.meanUsd(),
                p.meanReward(),
                p.loss(),
                p.tierShares()[0],
                p.tierShares()[1],
                p.tierShares()[2]);
            csv.append(
                String.format(
                    "%d,%.4f,%.8f,%.4f,%.5f,%.3f,%.3f,%.3f%n",
                    p.iteration(),
                    p.meanScore(),
                    p.meanUsd(),
                    p.meanReward(),
                    p.loss(),
                    p.tierShares()[0],
                    p.tierShares()[1],
                    p.tierShares()[2]));
          });
      Map<String, Object> notes = new LinkedHashMap<>();
      notes.put(
          "trainedOn",
          "HotpotQA dev items " + items + " of " + hotpot.getFileName() + " (dev data only)");
      notes.put(
          "models",
          "SIMULATED sim-mem-small/mid/large (gold read only by comprehension), SIMULATED reader");
      notes.put("memory", MemoryBench.Setup.DEFAULT.toString());
      notes.put("axis", ax.name());
      notes.put("lambda", lambda);
      notes.put("iterations", iterations);
      notes.put("batch", 32);
      notes.put(
          "ppo", "clip 0.2, value 0.5, entropy 0.01, Adam lr " + lr + ", 4 epochs, mini-batch 32");
      notes.put("seed", seed);
      router.save(out, notes);
    }
    Files.writeString(out.resolve("progress.csv"), csv);
    System.err.println(
        "memory train: wrote " + out.resolve("policy.json") + ", policy.params, progress.csv");
    return 0;
  }
}
