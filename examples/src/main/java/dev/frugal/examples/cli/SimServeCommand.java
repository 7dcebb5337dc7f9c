package dev.frugal.examples.cli;

import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.serve.SimServer;
import dev.frugal.testbed.sim.SimWorld;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code frugal sim serve --port N}: serves the simulated models on 127.0.0.1 until stopped, so
 * that {@code frugal bench --base-url http://127.0.0.1:N/v1 --model sim-large} runs them through
 * the real-model path (HTTP, LangChain4j's OpenAI client, usage accounting).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serve sim-small and sim-large (SIMULATED models, not language models) as an"
            + " OpenAI-compatible chat completions endpoint on 127.0.0.1.")
public final class SimServeCommand implements Callable<Integer> {
  @Option(names = "--port", description = "port on 127.0.0.1 (default 8089)", defaultValue = "8089")
  int port;

  @Option(
      names = "--seed",
      description = "run seed, as the bench's seed index (default 0)",
      defaultValue = "0")
  int seed;

  @Option(
      names = "--dataset",
      description = "the questions the simulated models know (default: bundled)",
      defaultValue = Testbed.BUNDLED)
  String dataset;

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--port must be 0-65535, got " + port);
    }
    SimWorld world = new SimWorld(Testbed.load(dataset));
    try (SimServer server = SimServer.start(world, seed, port)) {
      System.out.println(
          "serving simulated models sim-small, sim-large at "
              + server.baseUrl()
              + " (seed "
              + seed
              + "); stop with Ctrl-C");
      System.out.flush();
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
