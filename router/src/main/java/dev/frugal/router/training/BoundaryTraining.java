package dev.frugal.router.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.frugal.router.Baselines;
import dev.frugal.router.Decision;
import dev.frugal.router.NeuralPolicy;
import dev.frugal.router.RoutingPolicy;
import dev.frugal.router.Tier;
import dev.frugal.router.features.RouterFeatures;
import dev.frugal.router.policy.ClippedExample;
import dev.frugal.router.policy.Example;
import dev.frugal.router.policy.PolicyNetwork;
import dev.frugal.router.policy.TrainingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Boundary-guided training of a router (the routing paper (arXiv 2602.21227), arXiv 2602.21227), in
 * four stages, each reported to a {@link TrainingProgress} and written to the output folder:
 *
 * <ol>
 *   <li><b>Boundary runs</b>: always-SMALL and always-LARGE, K times per training question; each
 *       question is EASY, HARD or INTRACTABLE ({@code boundary.jsonl}).
 *   <li><b>SFT label synthesis</b>: EASY and INTRACTABLE questions get all-SMALL labels (the states
 *       of their always-SMALL runs: fail, or succeed, cheaply); each HARD question is rolled out
 *       with per-step P(LARGE) = k/N for k = 1..N, {@code perStratum} times each, and the cheapest
 *       successful trajectory among those and the always-LARGE successes gives its per-step labels
 *       ({@code sft-labels.jsonl}).
 *   <li><b>SFT</b>: a fresh network fitted to the labels by cross-entropy, each class weighted by
 *       {@code (N / (2 n_class))^0.5} so that the rare LARGE labels are not drowned out
 *       (docs/router.md; {@link BoPOUpdate}) ({@code sft/}).
 *   <li><b>BoPO</b>: from the SFT network, each iteration samples {@code groupSize} rollouts per
 *       question from the current policy, scores them with the {@link BoPOReward}, and takes a
 *       policy-gradient step with the <i>reference-guided advantage</i>: the group baseline is the
 *       mean reward over the group <b>and</b> the question's 2K boundary rollouts (scored by the
 *       same reward), advantages are divided by that pooled standard deviation [choice], and a
 *       failed rollout's advantage is clipped at 0 [choice], so a cheap failure never earns a
 *       positive advantage ({@code bopo-lambda-X/}, one per configured lambda). The step is the PPO
 *       clipped surrogate (ratio clip 0.2) with a KL penalty to the SFT policy and importance
 *       weights {@code pi_old / mu} for the exploration floor ({@link BoPOUpdate}, docs/router.md);
 *       each iteration's LARGE share of calls and success rate are logged.
 * </ol>
 *
 * <p>{@code training.json} records the settings, the class counts, the losses, every BoPO
 * iteration's figures and the wall time of each stage.
 */
public final class BoundaryTraining {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TrainingConfig config;
  private final BoPOUpdate update;
  private final RolloutSource source;
  private final TrainingProgress progress;

  /** Training with the default update ({@link BoPOUpdate#defaults()}). */
  public BoundaryTraining(TrainingConfig config, RolloutSource source, TrainingProgress progress) {
    this(config, BoPOUpdate.defaults(), source, progress);
  }

  /**
   * A training run with {@code config} and the BoPO {@code update} rule, drawing rollouts from
   * {@code source}, reporting to {@code progress}.
   */
  public BoundaryTraining(
      TrainingConfig config, BoPOUpdate update, RolloutSource source, TrainingProgress progress) {
    this.config = java.util.Objects.requireNonNull(config, "config");
    this.update = java.util.Objects.requireNonNull(update, "update");
    this.source = java.util.Objects.requireNonNull(source, "source");
    this.progress = java.util.Objects.requireNonNull(progress, "progress");
  }

  /** What training produced; the caller closes the networks. */
  public record Result(
      List<Boundary> boundaries,
      int sftExamples,
      PolicyNetwork sft,
      Map<Double, PolicyNetwork> bopo,
      Map<String, Object> log)
      implements AutoCloseable {
    @Override
    public void close() {
      sft.close();
      bopo.values().forEach(PolicyNetwork::close);
    }
  }

  /** The folder, under the output folder, of the BoPO policy trained with {@code lambda}. */
  public static String bopoFolder(double lambda) {
    return "bopo-lambda-" + lambda;
  }

  /** Runs every stage on {@code questions} and writes the artefacts into {@code out}. */
  public Result run(List<String> questions, Path out, Map<String, Object> notes) {
    if (questions.isEmpty()) throw new IllegalArgumentException("no training questions");
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
    }
    Map<String, Object> log = new LinkedHashMap<>();
    log.put("questions", questions.size());
    log.put("config", config);
    log.put("update", update);
    log.put("notes", notes);
    Map<String, Double> seconds = new LinkedHashMap<>();
    log.put("seconds", seconds);
    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    try {
      long t = System.nanoTime();
      List<Boundary> boundaries = boundaries(pool, questions);
      seconds.put("boundaryRollouts", since(t));
      Map<String, Long> classes = new LinkedHashMap<>();
      for (BoundaryClass c : BoundaryClass.values()) {
        classes.put(
            c.name().toLowerCase(java.util.Locale.ROOT),
            boundaries.stream().filter(b -> b.boundaryClass() == c).count());
      }
      log.put("classes", classes);
      progress.note("classes: " + classes);
      writeBoundaries(out.resolve("boundary.jsonl"), boundaries);

      t = System.nanoTime();
      List<Example> labels = synthesise(pool, boundaries, out.resolve("sft-labels.jsonl"), log);
      seconds.put("sftSynthesisRollouts", since(t));

      t = System.nanoTime();
      PolicyNetwork.seed(config.seed());
      PolicyNetwork sft =
          PolicyNetwork.builder()
              .schema(RouterFeatures.SCHEMA)
              .actions(List.of(Tier.SMALL.name(), Tier.LARGE.name()))
              .hidden(config.hidden())
              .build();
      progress.stage("sft", 1);
      List<Example> weighted = balanced(labels, update.sftClassWeightPower());
      List<Double> losses =
          sft.train(
              weighted, new TrainingOptions(config.sftEpochs(), 64, config.sftLearningRate(), 11));
      progress.advance();
      seconds.put("sftTraining", since(t));
      log.put("sftExamples", labels.size());
      log.put(
          "sftLargeLabels",
          labels.stream().filter(e -> e.action() == Tier.LARGE.ordinal()).count());
      log.put("sftLoss", List.of(losses.get(0), losses.get(losses.size() - 1)));
      log.put("sftAccuracy", accuracy(sft, labels));
      progress.note(
          String.format(
              java.util.Locale.ROOT,
              "%d examples, loss %.4f -> %.4f, training accuracy %.3f, device %s",
              labels.size(),
              losses.get(0),
              losses.get(losses.size() - 1),
              accuracy(sft, labels),
              sft.device()));
      Map<String, Object> sftNotes = new LinkedHashMap<>(notes);
      sftNotes.put("stage", "sft");
      sftNotes.put("config", config);
      sft.save(out.resolve("sft"), sftNotes);

      Map<Double, PolicyNetwork> bopos = new LinkedHashMap<>();
      Map<String, Object> bopoLog = new LinkedHashMap<>();
      log.put("bopo", bopoLog);
      for (BoPOReward reward : config.rewards()) {
        PolicyNetwork bopo = PolicyNetwork.load(out.resolve("sft"), RouterFeatures.SCHEMA);
        String folder = bopoFolder(reward.lambda());
        List<Map<String, Object>> iterations;
        try (PolicyNetwork reference =
            PolicyNetwork.load(out.resolve("sft"), RouterFeatures.SCHEMA)) {
          iterations = bopo(pool, boundaries, bopo, reference, reward, seconds, folder);
        }
        bopoLog.put(folder, iterations);
        Map<String, Object> bopoNotes = new LinkedHashMap<>(notes);
        bopoNotes.put("stage", "bopo");
        bopoNotes.put("lambda", reward.lambda());
        bopoNotes.put("hardBonus", reward.hardBonus());
        bopoNotes.put("config", config);
        bopoNotes.put("iterations", iterations);
        bopo.save(out.resolve(folder), bopoNotes);
        bopos.put(reward.lambda(), bopo);
      }
      JSON.writeValue(out.resolve("training.json").toFile(), log);
      return new Result(boundaries, labels.size(), sft, bopos, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training artefacts into " + out, e);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Boundary> boundaries(ExecutorService pool, List<String> questions) {
    progress.stage("boundary", questions.size() * 2 * config.k());
    RoutingPolicy small = Baselines.alwaysSmall();
    RoutingPolicy large = Baselines.alwaysLarge();
    List<List<Future<Rollout>>> s = new ArrayList<>();
    List<List<Future<Rollout>>> l = new ArrayList<>();
    for (String q : questions) {
      List<Future<Rollout>> sq = new ArrayList<>();
      List<Future<Rollout>> lq = new ArrayList<>();
      for (int r = 0; r < config.k(); r++) {
        long seed = boundarySeed(r);
        sq.add(submit(pool, () -> source.run(q, small, seed)));
        lq.add(submit(pool, () -> source.run(q, large, seed)));
      }
      s.add(sq);
      l.add(lq);
    }
    List<Boundary> out = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      out.add(
          new Boundary(
              questions.get(i), join(s.get(i)), join(l.get(i)), config.successThreshold()));
    }
    return out;
  }

  private List<Example> synthesise(
      ExecutorService pool, List<Boundary> boundaries, Path file, Map<String, Object> log)
      throws IOException {
    List<Boundary> hard =
        boundaries.stream().filter(b -> b.boundaryClass() == BoundaryClass.HARD).toList();
    progress.stage("sft-synthesis", hard.size() * config.strata() * config.perStratum());
    Map<String, List<Future<Rollout>>> runs = new LinkedHashMap<>();
    for (Boundary b : hard) {
      List<Future<Rollout>> rs = new ArrayList<>();
      for (int k = 1; k <= config.strata(); k++) {
        RoutingPolicy p = Baselines.random(k / (double) config.strata());
        for (int j = 0; j < config.perStratum(); j++) {
          long seed = synthesisSeed(k, j);
          rs.add(submit(pool, () -> source.run(b.questionId(), p, seed)));
        }
      }
      runs.put(b.questionId(), rs);
    }
    List<Example> examples = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    int fromStrata = 0;
    for (Boundary b : boundaries) {
      if (b.boundaryClass() != BoundaryClass.HARD) {
        for (Rollout r : b.small()) addLabels(examples, r);
        continue;
      }
      List<Rollout> candidates = new ArrayList<>(join(runs.get(b.questionId())));
      int strata = candidates.size();
      candidates.addAll(b.large());
      Optional<Rollout> best =
          candidates.stream()
              .filter(Rollout::success)
              .min(Comparator.comparingDouble(Rollout::usd));
      if (best.isEmpty()) continue; // cannot happen: a HARD question has a LARGE success
      int index = candidates.indexOf(best.get());
      if (index < strata) fromStrata++;
      addLabels(examples, best.get());
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("question", b.questionId());
      line.put(
          "from",
          index < strata
              ? "P(LARGE)=" + (index / config.perStratum() + 1) + "/" + config.strata()
              : "always-large");
      line.put("usd", best.get().usd());
      line.put("largeUsd", b.largeUsd());
      line.put("labels", labelString(best.get()));
      lines.add(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
    }
    Files.write(file, lines);
    log.put("hardLabelledFromStrata", fromStrata);
    progress.note(
        fromStrata
            + " of "
            + hard.size()
            + " hard questions labelled from a stratified rollout cheaper than always-large");
    return examples;
  }

  /**
   * The labels reweighted by class: {@code w = (N / (2 n_class))^power}; at power 1 each class's
   * weights sum to half the total, at 0 nothing changes (nor when a class is absent).
   */
  static List<Example> balanced(List<Example> labels, double power) {
    long large = labels.stream().filter(e -> e.action() == Tier.LARGE.ordinal()).count();
    long small = labels.size() - large;
    if (large == 0 || small == 0 || power == 0) return labels;
    float wl = (float) Math.pow(labels.size() / (2.0 * large), power);
    float ws = (float) Math.pow(labels.size() / (2.0 * small), power);
    List<Example> out = new ArrayList<>(labels.size());
    for (Example e : labels) {
      float w = e.action() == Tier.LARGE.ordinal() ? wl : ws;
      out.add(new Example(e.features(), e.action(), e.weight() * w));
    }
    return out;
  }

  private static void addLabels(List<Example> examples, Rollout r) {
    for (Decision d : r.decisions()) {
      examples.add(new Example(d.features(), d.chosen().ordinal(), 1f));
    }
  }

  private static String labelString(Rollout r) {
    StringBuilder sb = new StringBuilder();
    for (Decision d : r.decisions()) sb.append(d.chosen() == Tier.LARGE ? 'L' : 'S');
    return sb.toString();
  }

  private List<Map<String, Object>> bopo(
      ExecutorService pool,
      List<Boundary> boundaries,
      PolicyNetwork net,
      PolicyNetwork reference,
      BoPOReward reward,
      Map<String, Double> secs,
      String name) {
    ValueBaseline critic =
        update.valueBaseline()
            ? new ValueBaseline(config.hidden(), config.bopoLearningRate(), 4, net.device())
            : null;
    if (critic != null) {
      // The boundary rollouts give the critic its first estimates (docs/router.md).
      List<Rollout> seen = new ArrayList<>();
      List<Double> rewards = new ArrayList<>();
      for (Boundary b : boundaries) {
        for (Rollout r : b.small()) {
          seen.add(r);
          rewards.add(reward.of(r, b));
        }
        for (Rollout r : b.large()) {
          seen.add(r);
          rewards.add(reward.of(r, b));
        }
      }
      critic.fit(seen, rewards);
    }
    try {
      return bopoIterations(pool, boundaries, net, reference, reward, secs, name, critic);
    } finally {
      if (critic != null) critic.close();
    }
  }

  private List<Map<String, Object>> bopoIterations(
      ExecutorService pool,
      List<Boundary> boundaries,
      PolicyNetwork net,
      PolicyNetwork reference,
      BoPOReward reward,
      Map<String, Double> secs,
      String name,
      ValueBaseline critic) {
    List<Map<String, Object>> iterations = new ArrayList<>();
    double rolloutSeconds = 0;
    double updateSeconds = 0;
    for (int it = 0; it < config.bopoIterations(); it++) {
      long t = System.nanoTime();
      progress.stage(
          name + " " + (it + 1) + "/" + config.bopoIterations(),
          boundaries.size() * config.groupSize());
      NeuralPolicy policy =
          new NeuralPolicy("bopo", net, NeuralPolicy.Mode.SAMPLE, config.exploration());
      List<List<Future<Rollout>>> groups = new ArrayList<>();
      for (Boundary b : boundaries) {
        List<Future<Rollout>> g = new ArrayList<>();
        for (int j = 0; j < config.groupSize(); j++) {
          long seed = bopoSeed(it, j);
          g.add(submit(pool, () -> source.run(b.questionId(), policy, seed)));
        }
        groups.add(g);
      }
      List<Example> examples = new ArrayList<>();
      List<Decision> decided = new ArrayList<>();
      List<Float> advantages = new ArrayList<>();
      List<Rollout> iterationRollouts = new ArrayList<>();
      List<Double> iterationRewards = new ArrayList<>();
      double rewardSum = 0;
      int successes = 0;
      int n = 0;
      double usd = 0;
      double largeCalls = 0;
      long decisions = 0;
      long largeDecisions = 0;
      for (int i = 0; i < boundaries.size(); i++) {
        Boundary b = boundaries.get(i);
        List<Rollout> group = join(groups.get(i));
        List<Double> pooled = new ArrayList<>();
        for (Rollout r : b.small()) pooled.add(reward.of(r, b));
        for (Rollout r : b.large()) pooled.add(reward.of(r, b));
        double[] rs = new double[group.size()];
        for (int j = 0; j < group.size(); j++) {
          rs[j] = reward.of(group.get(j), b);
          pooled.add(rs[j]);
        }
        double mean = pooled.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double var = pooled.stream().mapToDouble(x -> (x - mean) * (x - mean)).average().orElse(0);
        double sd = Math.sqrt(var) + 1e-6;
        for (int j = 0; j < group.size(); j++) {
          Rollout r = group.get(j);
          double adv = (rs[j] - mean) / sd;
          if (!r.success()) adv = Math.min(adv, 0);
          float[] perStep = critic == null ? null : critic.advantages(r, rs[j], sd);
          if (critic != null) {
            iterationRollouts.add(r);
            iterationRewards.add(rs[j]);
          }
          rewardSum += rs[j];
          successes += r.success() ? 1 : 0;
          usd += r.usd();
          largeCalls += r.largeCalls();
          n++;
          for (Decision d : r.decisions()) {
            decisions++;
            if (d.chosen() == Tier.LARGE) largeDecisions++;
          }
          if (perStep == null && adv == 0) continue;
          for (int k = 0; k < r.decisions().size(); k++) {
            Decision d = r.decisions().get(k);
            if (d.masked()) continue; // the policy did not cause what happened there
            float a = perStep == null ? (float) adv : perStep[k];
            if (a == 0) continue;
            examples.add(new Example(d.features(), d.chosen().ordinal(), a));
            decided.add(d);
            advantages.add(a);
          }
        }
      }
      rolloutSeconds += since(t);
      t = System.nanoTime();
      TrainingOptions options =
          new TrainingOptions(config.bopoEpochs(), 64, config.bopoLearningRate(), 100 + it);
      List<Double> losses;
      if (examples.isEmpty()) {
        losses = List.of();
      } else if (update.clipped()) {
        losses =
            net.trainClipped(
                clippedExamples(decided, advantages, reference),
                options,
                update.clip(),
                update.klCoefficient());
      } else {
        losses = net.train(examples, options);
      }
      Double valueLoss = critic == null ? null : critic.fit(iterationRollouts, iterationRewards);
      updateSeconds += since(t);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("valueLoss", valueLoss);
      row.put("iteration", it + 1);
      row.put("meanReward", rewardSum / n);
      row.put("success", successes / (double) n);
      row.put("usd", usd / n);
      row.put("largeCalls", largeCalls / n);
      row.put("largeShare", decisions == 0 ? 0 : largeDecisions / (double) decisions);
      row.put("examples", examples.size());
      row.put("loss", losses.isEmpty() ? null : losses.get(losses.size() - 1));
      iterations.add(row);
      progress.note(
          String.format(
              java.util.Locale.ROOT,
              "reward %.3f, success %.3f, $%.5f, %.2f LARGE calls per rollout (%.3f of calls),"
                  + " %d examples",
              rewardSum / n,
              successes / (double) n,
              usd / n,
              largeCalls / n,
              decisions == 0 ? 0 : largeDecisions / (double) decisions,
              examples.size()));
    }
    secs.put(name + "Rollouts", rolloutSeconds);
    secs.put(name + "Training", updateSeconds);
    return iterations;
  }

  /**
   * The decisions of one iteration as clipped-update examples: the old policy's probability of the
   * chosen tier ({@link Decision#largeProbability}), the probability it was sampled with (the same,
   * clipped to the exploration floor; equal to the old one when the importance correction is off)
   * and the SFT reference's probabilities at the state.
   */
  private List<ClippedExample> clippedExamples(
      List<Decision> decided, List<Float> advantages, PolicyNetwork reference) {
    float[][] x = decided.stream().map(Decision::features).toArray(float[][]::new);
    float[][] ref = reference.probabilities(x);
    List<ClippedExample> out = new ArrayList<>(decided.size());
    double floor = config.exploration();
    for (int i = 0; i < decided.size(); i++) {
      Decision d = decided.get(i);
      boolean large = d.chosen() == Tier.LARGE;
      double p = d.largeProbability();
      double q = Math.max(floor, Math.min(1 - floor, p));
      double old = Math.max(1e-6, large ? p : 1 - p);
      double mu = update.importanceCorrection() ? (large ? q : 1 - q) : old;
      out.add(
          new ClippedExample(
              d.features(),
              d.chosen().ordinal(),
              advantages.get(i),
              (float) old,
              (float) Math.max(1e-6, mu),
              ref[i]));
    }
    return out;
  }

  static double accuracy(PolicyNetwork net, List<Example> examples) {
    if (examples.isEmpty()) return 0;
    float[][] x = examples.stream().map(Example::features).toArray(float[][]::new);
    float[][] p = net.probabilities(x);
    int right = 0;
    for (int i = 0; i < p.length; i++) {
      int a = p[i][1] >= p[i][0] ? 1 : 0;
      if (a == examples.get(i).action()) right++;
    }
    return right / (double) examples.size();
  }

  private long boundarySeed(int r) {
    return config.seed() * 1_000_000L + r;
  }

  private long synthesisSeed(int stratum, int j) {
    return config.seed() * 1_000_000L + 1_000 + stratum * 100L + j;
  }

  private long bopoSeed(int iteration, int j) {
    return config.seed() * 1_000_000L + 100_000 + iteration * 1_000L + j;
  }

  private Future<Rollout> submit(ExecutorService pool, Supplier<Rollout> task) {
    return pool.submit(
        () -> {
          Rollout r = task.get();
          progress.advance();
          return r;
        });
  }

  private static List<Rollout> join(List<Future<Rollout>> fs) {
    List<Rollout> out = new ArrayList<>();
    for (Future<Rollout> f : fs) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        throw new IllegalStateException("a training rollout failed: " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for training rollouts", e);
      }
    }
    return out;
  }

  private void writeBoundaries(Path file, List<Boundary> boundaries) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Boundary b : boundaries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("question", b.questionId());
      m.put("class", b.boundaryClass().name().toLowerCase(java.util.Locale.ROOT));
      m.put("smallSuccesses", b.smallSuccesses());
      m.put("largeSuccesses", b.largeSuccesses());
      m.put("k", config.k());
      m.put("smallUsd", b.smallUsd());
      m.put("largeUsd", b.largeUsd());
      m.put("largeCalls", b.largeCalls());
      lines.add(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    }
    Files.write(file, lines);
  }

  private static double since(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
