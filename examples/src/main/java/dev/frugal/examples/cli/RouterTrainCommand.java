package dev.frugal.examples.cli;

import dev.frugal.router.policy.Devices;
import dev.frugal.router.training.BoPOReward;
import dev.frugal.router.training.BoPOUpdate;
import dev.frugal.router.training.BoundaryTraining;
import dev.frugal.router.training.TrainingConfig;
import dev.frugal.router.training.TrainingProgress;
import dev.frugal.testbed.router.QuestionSplit;
import dev.frugal.testbed.router.RouterTestbed;
import dev.frugal.tools.dataset.Question;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code frugal router train}: boundary-guided training of a router over the simulated pair. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Boundary-guided router training on the training half of a dataset (even positions; the"
          + " odd positions are kept for evaluation): boundary runs, SFT labels, SFT, BoPO.",
      "The models are SIMULATED (sim-small / sim-large by default).",
      "Example: frugal router train --out router-out --lambdas 0.2,0.5,1.0"
    })
public final class RouterTrainCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "router-out", description = "artefact folder")
  Path out;

  @Option(names = "--dataset", defaultValue = "bundled", description = "'bundled' or a file")
  String dataset;

  @Option(
      names = "--train-limit",
      defaultValue = "0",
      description = "at most this many training questions (0 = the whole training half)")
  int trainLimit;

  @Mixin RouterTestbedOptions testbed;

  @Option(names = "--k", defaultValue = "5", description = "boundary runs per policy")
  int k;

  @Option(
      names = "--succeeds-at",
      defaultValue = "1",
      description = "successes of K for a boundary policy to count as succeeding (paper: 1)")
  int succeedsAt;

  @Option(names = "--strata", defaultValue = "5", description = "P(LARGE) strata N (k/N)")
  int strata;

  @Option(names = "--per-stratum", defaultValue = "3", description = "rollouts per stratum")
  int perStratum;

  @Option(names = "--hidden", defaultValue = "32", description = "hidden layer sizes, e.g. 32,16")
  String hidden;

  @Option(names = "--sft-epochs", defaultValue = "20", description = "SFT epochs")
  int sftEpochs;

  @Option(names = "--sft-lr", defaultValue = "0.005", description = "SFT learning rate")
  float sftLr;

  @Option(
      names = "--lambdas",
      defaultValue = "0.5",
      description = "BoPO cost weights; one policy per lambda")
  String lambdas;

  @Option(names = "--hard-bonus", defaultValue = "0.5", description = "BoPO r_hard")
  double hardBonus;

  @Option(names = "--bopo-iterations", defaultValue = "15", description = "BoPO iterations")
  int bopoIterations;

  @Option(names = "--group", defaultValue = "8", description = "BoPO rollouts per question")
  int group;

  @Option(names = "--bopo-epochs", defaultValue = "2", description = "passes per iteration")
  int bopoEpochs;

  @Option(names = "--bopo-lr", defaultValue = "0.005", description = "BoPO learning rate")
  float bopoLr;

  @Option(
      names = "--exploration",
      defaultValue = "0.1",
      description = "BoPO rollouts keep P(LARGE) within [e, 1-e]")
  double exploration;

  @Option(
      names = "--update",
      defaultValue = "clipped",
      description =
          "BoPO update: 'clipped' (PPO ratio clip, KL to the SFT policy, importance weights for"
              + " the exploration floor) or 'reinforce' (the first version, for comparison)")
  String update;

  @Option(
      names = "--baseline",
      defaultValue = "value",
      description =
          "BoPO advantage baseline: 'value' (a learned value per routing state, per-step credit)"
              + " or 'group' (the group and boundary mean, one advantage per rollout)")
  String baseline;

  private boolean valueBaseline() {
    return switch (baseline) {
      case "value" -> true;
      case "group" -> false;
      default ->
          throw new IllegalArgumentException(
              "--baseline must be 'value' or 'group', got '" + baseline + "'");
    };
  }

  @Option(
      names = "--sft-class-power",
      defaultValue = "0.5",
      description = "SFT labels weighted by (N / (2 n_class))^p: 1 balanced, 0 unweighted")
  double sftClassPower;

  @Option(names = "--clip", defaultValue = "0.2", description = "BoPO ratio clip")
  double clip;

  @Option(names = "--kl", defaultValue = "0.1", description = "BoPO KL coefficient to SFT")
  double kl;

  @Option(names = "--threads", description = "parallel rollouts (default: processors)")
  Integer threads;

  @Option(names = "--seed", defaultValue = "1", description = "training seed")
  long seed;

  @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N")
  String device;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Devices.choose(device); // validates the name, and that a named GPU exists
    System.setProperty(Devices.PROPERTY, device);
    List<BoPOReward> rewards = new ArrayList<>();
    for (String l : Csv.strings(lambdas)) {
      try {
        rewards.add(new BoPOReward(Double.parseDouble(l), hardBonus));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--lambdas takes numbers such as 0.2,0.5; '" + l + "' is not one");
      }
    }
    TrainingConfig config =
        new TrainingConfig(
            k,
            succeedsAt,
            strata,
            perStratum,
            Csv.ints("--hidden", hidden),
            sftEpochs,
            sftLr,
            rewards,
            bopoIterations,
            group,
            bopoEpochs,
            bopoLr,
            exploration,
            threads == null ? Runtime.getRuntime().availableProcessors() : threads,
            seed);
    BoPOUpdate bopoUpdate =
        switch (update) {
          case "clipped" -> new BoPOUpdate(sftClassPower, true, clip, kl, true, valueBaseline());
          case "reinforce" -> new BoPOUpdate(sftClassPower, false, clip, 0, false, valueBaseline());
          default ->
              throw new IllegalArgumentException(
                  "--update must be 'clipped' or 'reinforce', got '" + update + "'");
        };
    String command =
        "./frugal " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    try (RouterTestbed bed = testbed.open(dataset)) {
      List<Question> train = QuestionSplit.train(bed.testbed().dataset(), trainLimit);
      List<String> ids = train.stream().map(Question::id).toList();
      System.err.printf(
          "training on %d questions of %s (the training half: even positions), SIMULATED %s / %s%n",
          ids.size(), bed.testbed().dataset().name(), bed.smallName(), bed.largeName());
      Map<String, Object> notes = new LinkedHashMap<>();
      notes.put("command", command);
      notes.put("dataset", bed.testbed().dataset().name());
      notes.put("split", "training half: questions at even positions of the file");
      notes.put("trainQuestions", ids.size());
      notes.put("small", bed.smallName());
      notes.put("large", bed.largeName());
      notes.put("simulated", true);
      notes.put("settings", testbed.settings());
      long t0 = System.nanoTime();
      try (BoundaryTraining.Result r =
          new BoundaryTraining(
                  config, bopoUpdate, bed.rollouts(), TrainingProgress.printingTo(System.err))
              .run(ids, out, notes)) {
        double secs = (System.nanoTime() - t0) / 1e9;
        StringBuilder md = new StringBuilder();
        md.append("# Router training run\n\n")
            .append("Command: `")
            .append(command)
            .append("`\n\n")
            .append("Models: SIMULATED ")
            .append(bed.smallName())
            .append(" / ")
            .append(bed.largeName())
            .append(" (policy simulations, not language models).\n\n")
            .append(
                String.format(
                    Locale.ROOT,
                    "Training questions: %d (%s, even positions). Classes: %s. SFT examples: %d."
                        + " Device: %s. Total %.1f s.%n%n",
                    ids.size(),
                    bed.testbed().dataset().name(),
                    r.log().get("classes"),
                    r.sftExamples(),
                    r.sft().device(),
                    secs))
            .append("Stage seconds: ")
            .append(r.log().get("seconds"))
            .append("\n\nFolders: `sft/` and `")
            .append(
                String.join(
                    "/`, `", r.bopo().keySet().stream().map(BoundaryTraining::bopoFolder).toList()))
            .append(
                "/` hold the policies (`policy.json` + `policy.params`); `training.json` has"
                    + " every figure; `boundary.jsonl` and `sft-labels.jsonl` the data.\n");
        Files.writeString(out.resolve("README.md"), md.toString());
        System.out.print(md);
      }
    }
    return 0;
  }
}
