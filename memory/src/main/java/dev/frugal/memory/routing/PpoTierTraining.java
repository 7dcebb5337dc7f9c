package dev.frugal.memory.routing;

import dev.frugal.memory.module.TierChooser;
import dev.frugal.router.policy.PpoGroup;
import dev.frugal.router.policy.PpoOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a {@link TierRouter} with PPO on episodes (one query each). Per iteration: a batch of
 * episodes is run with a sampling chooser; each query's cost joins the sliding window and earns a
 * {@link CostReward}; the task scores are scaled by {@code std(cost reward) / std(task score)} (the
 * paper's scale alignment, without which the router collapses to LOW), both standard deviations
 * taken over the same sliding window as the costs [choice: a batch's own spread vanishes once the
 * policy settles on one tier, which would scale the task reward to nothing]; the reward is {@code
 * scaled score + lambda * cost reward}; the advantage is the reward minus the critic's value (the
 * mean over the query's decisions), normalised over the batch; and one PPO update runs (clip 0.2,
 * value 0.5, entropy 0.01, Adam 3e-4, 4 epochs in mini-batches of 32), the ratio of a query being
 * the joint ratio of all its module decisions.
 */
public final class PpoTierTraining {

  /** One query to learn from. */
  @FunctionalInterface
  public interface Episode {
    /** Runs the query with {@code chooser} picking every module's tier. */
    Outcome run(TierChooser chooser);
  }

  /** What an episode scored (0..1, e.g. F1) and cost in dollars. */
  public record Outcome(double score, double usd) {}

  /**
   * @param lambda the weight of the cost reward
   * @param batch episodes per PPO update (32 in the paper)
   * @param iterations PPO updates
   * @param window the cost window (2,000 in the paper)
   * @param seed sampling and shuffling seed
   * @param ppo PPO's settings
   */
  public record Config(
      double lambda, int batch, int iterations, int window, long seed, PpoOptions ppo) {
    /** Checks each setting; the error names the setting and its valid range. */
    public Config {
      if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be >= 0, got " + lambda);
      if (batch < 2) throw new IllegalArgumentException("batch must be >= 2, got " + batch);
      if (iterations < 1) throw new IllegalArgumentException("iterations must be >= 1");
      if (window < 1) throw new IllegalArgumentException("window must be >= 1");
    }

    /** The paper's settings for {@code lambda}. */
    public static Config paper(double lambda, int iterations, long seed) {
      return new Config(lambda, 32, iterations, 2000, seed, PpoOptions.paper(seed));
    }
  }

  /** Progress after one iteration. */
  public record Progress(
      int iteration,
      int iterations,
      double meanScore,
      double meanUsd,
      double meanReward,
      double loss,
      double[] tierShares) {}

  private PpoTierTraining() {}

  /** Trains {@code router} in place; returns the progress of every iteration. */
  public static List<Progress> train(
      TierRouter router, List<Episode> episodes, Config config, Consumer<Progress> progress) {
    if (episodes.isEmpty()) throw new IllegalArgumentException("no episodes to train on");
    Random random = new Random(config.seed());
    CostReward costs = new CostReward(config.window());
    java.util.ArrayDeque<double[]> recent = new java.util.ArrayDeque<>(); // (task, cost reward)
    List<Episode> order = new ArrayList<>(episodes);
    Collections.shuffle(order, random);
    int next = 0;
    List<Progress> out = new ArrayList<>();
    for (int it = 0; it < config.iterations(); it++) {
      List<List<TierRouter.Decision>> decisions = new ArrayList<>();
      double[] score = new double[config.batch()];
      double[] usd = new double[config.batch()];
      double[] shares = new double[3];
      int taken = 0;
      for (int b = 0; b < config.batch(); b++) {
        if (next == order.size()) {
          Collections.shuffle(order, random);
          next = 0;
        }
        TierRouter.Sampler sampler = router.sampler(random);
        Outcome o = order.get(next++).run(sampler);
        score[b] = o.score();
        usd[b] = o.usd();
        decisions.add(sampler.decisions());
        for (TierRouter.Decision d : sampler.decisions()) {
          shares[d.action()]++;
          taken++;
        }
        costs.observe(o.usd());
      }
      double[] costReward = new double[config.batch()];
      for (int b = 0; b < config.batch(); b++) costReward[b] = costs.reward(usd[b]);
      for (int b = 0; b < config.batch(); b++) {
        recent.addLast(new double[] {score[b], costReward[b]});
        while (recent.size() > config.window()) recent.removeFirst();
      }
      double[] tasks = recent.stream().mapToDouble(x -> x[0]).toArray();
      double[] costRewards = recent.stream().mapToDouble(x -> x[1]).toArray();
      double sdTask = std(tasks);
      double sdCost = std(costRewards);
      double scale = sdTask < 1e-9 || sdCost < 1e-9 ? 1 : sdCost / sdTask;
      double[] reward = new double[config.batch()];
      double[] adv = new double[config.batch()];
      for (int b = 0; b < config.batch(); b++) {
        reward[b] = scale * score[b] + config.lambda() * costReward[b];
        double v = 0;
        for (TierRouter.Decision d : decisions.get(b)) v += d.value();
        v = decisions.get(b).isEmpty() ? 0 : v / decisions.get(b).size();
        adv[b] = reward[b] - v;
      }
      double meanAdv = mean(adv);
      double sdAdv = Math.max(std(adv), 1e-6);
      List<PpoGroup> groups = new ArrayList<>();
      for (int b = 0; b < config.batch(); b++) {
        List<TierRouter.Decision> ds = decisions.get(b);
        if (ds.isEmpty()) continue;
        float[][] x = new float[ds.size()][];
        int[] a = new int[ds.size()];
        boolean[][] allowed = new boolean[ds.size()][];
        float old = 0;
        for (int i = 0; i < ds.size(); i++) {
          x[i] = ds.get(i).features();
          a[i] = ds.get(i).action();
          allowed[i] = ds.get(i).allowed();
          old += ds.get(i).logProb();
        }
        groups.add(
            new PpoGroup(
                x, a, allowed, old, (float) ((adv[b] - meanAdv) / sdAdv), (float) reward[b]));
      }
      double loss = Double.NaN;
      if (!groups.isEmpty()) {
        PpoOptions o = config.ppo();
        List<Double> losses =
            router
                .network()
                .ppoUpdate(
                    groups,
                    new PpoOptions(
                        o.clip(),
                        o.valueCoef(),
                        o.entropyCoef(),
                        o.learningRate(),
                        o.epochs(),
                        o.miniBatch(),
                        config.seed() + it));
        loss = losses.get(losses.size() - 1);
      }
      for (int i = 0; i < 3; i++) shares[i] = taken == 0 ? 0 : shares[i] / taken;
      Progress p =
          new Progress(
              it + 1, config.iterations(), mean(score), mean(usd), mean(reward), loss, shares);
      out.add(p);
      if (progress != null) progress.accept(p);
    }
    return out;
  }

  private static double mean(double[] x) {
    double s = 0;
    for (double v : x) s += v;
    return s / x.length;
  }

  private static double std(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) s += (v - m) * (v - m);
    return Math.sqrt(s / x.length);
  }
}
