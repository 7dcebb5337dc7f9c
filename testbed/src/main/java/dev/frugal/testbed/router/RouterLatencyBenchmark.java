package dev.frugal.testbed.router;

import ai.djl.Device;
import dev.frugal.core.ModelSelection;
import dev.frugal.core.NamedModel;
import dev.frugal.core.RunActivity;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.engine.RunContext.ToolOutcome.Status;
import dev.frugal.router.NeuralPolicy;
import dev.frugal.router.RoutedSelector;
import dev.frugal.router.features.RouterFeatures;
import dev.frugal.router.policy.PolicyNetwork;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures a router's decision latency at batch 1 on the CPU: the network's forward pass alone
 * ({@link PolicyNetwork#probabilities(float[])}), and a whole {@link RoutedSelector#select}
 * (feature extraction from a real ledger snapshot, the forward pass, the mask). Prints the median
 * and the 10th / 90th / 99th percentiles over many single calls, after a warm-up. Not a test:
 * timings belong in docs, never in assertions.
 *
 * <pre>
 * java -cp ... dev.frugal.testbed.router.RouterLatencyBenchmark [POLICY_FOLDER] [CALLS]
 * </pre>
 *
 * Without a folder it loads the bundled default router.
 */
public final class RouterLatencyBenchmark {
  private RouterLatencyBenchmark() {}

  public static void main(String[] args) {
    System.setProperty(dev.frugal.router.policy.Devices.PROPERTY, "cpu");
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    PolicyNetwork net =
        args.length > 0 && !args[0].isBlank()
            ? NeuralPolicy.load(Path.of(args[0]))
            : NeuralPolicy.loadResource(RouterLatencyBenchmark.class, Routers.DEFAULT_RESOURCE);
    if (!net.device().equals(Device.cpu())) throw new IllegalStateException("not on the CPU");
    ChatModel none =
        new ChatModel() {
          @Override
          public ChatResponse doChat(ChatRequest r) {
            return ChatResponse.builder().aiMessage(AiMessage.from("unused")).build();
          }
        };
    RoutedSelector selector =
        RoutedSelector.builder()
            .small(new NamedModel("sim-small", none))
            .large(new NamedModel("sim-large", none))
            .policy(new NeuralPolicy("bench", net, NeuralPolicy.Mode.GREEDY))
            .build();
    Ledger ledger =
        Ledger.open(
            Budget.builder()
                .toolUnits("search", 10)
                .toolUnits("open", 10)
                .modelCalls("sim-large", 5)
                .build());
    RunActivity activity =
        new RunActivity(
            3, 2, 0, 1, 0, List.of(Status.OK, Status.REPEATED, Status.OK), 1800, Optional.empty());
    String question =
        "What government position was held by the woman who portrayed Corliss Archer in the film"
            + " Kiss and Tell?";
    float[] features = new float[net.schema().size()];
    Arrays.fill(features, 0.5f);
    System.out.printf(
        Locale.ROOT,
        "device %s, %d features, hidden %s, %d calls each%n",
        net.device(),
        RouterFeatures.SCHEMA.size(),
        net.hidden(),
        calls);
    long[] forward = new long[calls];
    long[] select = new long[calls];
    for (int round = 0; round < 2; round++) { // round 0 warms up
      for (int i = 0; i < calls; i++) {
        features[0] = (i % 30) / 30f;
        long t0 = System.nanoTime();
        net.probabilities(features);
        forward[i] = System.nanoTime() - t0;
        ModelSelection s =
            new ModelSelection(
                "bench", question, 1 + i % 12, "step", ledger::snapshot, activity, m -> true);
        t0 = System.nanoTime();
        selector.select(s);
        select[i] = System.nanoTime() - t0;
      }
    }
    report("network forward pass (batch 1)", forward);
    report("RoutedSelector.select (features + forward + mask)", select);
    net.close();
    // The training stages at the sizes of the shipped run: SFT 3,022 examples x 20 epochs; one
    // BoPO iteration about 6,900 weighted examples x 2 epochs (the run did 15 per lambda).
    trainingTime("SFT stage (3,022 examples, 20 epochs, batch 64)", 3022, 20, false);
    trainingTime("one BoPO update (6,900 examples, 2 epochs, batch 64)", 6900, 2, true);
  }

  private static void trainingTime(String what, int n, int epochs, boolean signedWeights) {
    java.util.Random r = new java.util.Random(5);
    List<dev.frugal.router.policy.Example> data = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] x = new float[RouterFeatures.SCHEMA.size()];
      for (int j = 0; j < x.length; j++) x[j] = r.nextFloat();
      float w = signedWeights ? (float) r.nextGaussian() : 1f;
      data.add(new dev.frugal.router.policy.Example(x, r.nextInt(2), w));
    }
    PolicyNetwork.seed(1);
    try (PolicyNetwork fresh =
        PolicyNetwork.builder()
            .schema(RouterFeatures.SCHEMA)
            .actions(List.of("SMALL", "LARGE"))
            .device(Device.cpu())
            .build()) {
      fresh.train(
          data.subList(0, 256), new dev.frugal.router.policy.TrainingOptions(1, 64, 0.005f, 1));
      long t0 = System.nanoTime();
      fresh.train(data, new dev.frugal.router.policy.TrainingOptions(epochs, 64, 0.005f, 2));
      double secs = (System.nanoTime() - t0) / 1e9;
      int steps = epochs * ((n + 63) / 64);
      System.out.printf(
          Locale.ROOT,
          "%-50s %.2f s (%d Adam steps, %.2f ms per step)%n",
          what,
          secs,
          steps,
          1000 * secs / steps);
    }
  }

  private static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%-50s median %6.1f us   p10 %6.1f   p90 %6.1f   p99 %6.1f%n",
        what,
        s[s.length / 2] / 1e3,
        s[s.length / 10] / 1e3,
        s[s.length * 9 / 10] / 1e3,
        s[s.length * 99 / 100] / 1e3);
  }
}
