package dev.frugal.testbed.bench;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.testbed.sim.SimProfile;
import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.testbed.sim.SimulatedChatModel;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** The {@link ModelSource}s the bench and the CLI offer. */
public final class ModelSources {
  private ModelSources() {}

  /**
   * A simulated model: {@code profile} is a bundled profile name ({@code sim-small}, {@code
   * sim-large}) or a profile JSON file.
   */
  public static ModelSource simulated(String profile, SimWorld world, boolean realLatency) {
    SimProfile p =
        Files.isRegularFile(Path.of(profile))
            ? SimProfile.load(Path.of(profile))
            : SimProfile.resource(profile);
    return simulated(p, world, realLatency);
  }

  /** A simulated model of profile {@code p}. */
  public static ModelSource simulated(SimProfile p, SimWorld world, boolean realLatency) {
    return new ModelSource() {
      @Override
      public ModelSource atSetting(java.util.Map<String, Double> unitDraws, int setting) {
        return unitDraws.isEmpty()
            ? this
            : ModelSources.simulated(
                p.atSetting(unitDraws, "setting " + setting), world, realLatency);
      }

      @Override
      public java.util.Map<String, Double> assumptions() {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (dev.frugal.testbed.sim.SimParameter q : dev.frugal.testbed.sim.SimParameter.values()) {
          out.put(q.key(), p.value(q));
        }
        return out;
      }

      @Override
      public String name() {
        return p.modelName();
      }

      @Override
      public ModelPrice price() {
        return p.pricing().price();
      }

      @Override
      public boolean simulated() {
        return true;
      }

      @Override
      public NamedModel model(long seed) {
        return new NamedModel(
            p.modelName(),
            SimulatedChatModel.builder()
                .profile(p)
                .world(world)
                .seed(seed)
                .sleeper(
                    realLatency ? SimulatedChatModel.Sleeper.REAL : SimulatedChatModel.Sleeper.NONE)
                .build());
      }
    };
  }

  /**
   * A routed pair: every call of an episode goes to {@code small} or {@code large} as the router
   * {@code policy} decides (see {@link dev.frugal.testbed.router.Routers#policy}), under the
   * always-on hard-budget mask. Reported as {@code router:POLICY(SMALL/LARGE)}.
   */
  public static ModelSource routed(String policy, ModelSource small, ModelSource large) {
    dev.frugal.router.RoutingPolicy p = dev.frugal.testbed.router.Routers.policy(policy);
    if (p instanceof dev.frugal.router.knn.KnnPolicy k) k.requireModels(small.name(), large.name());
    String name = "router:" + p.name() + "(" + small.name() + "/" + large.name() + ")";
    return new ModelSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ModelPrice price() {
        return small.price();
      }

      @Override
      public boolean simulated() {
        return small.simulated() || large.simulated();
      }

      @Override
      public ModelSource atSetting(java.util.Map<String, Double> unitDraws, int setting) {
        return unitDraws.isEmpty()
            ? this
            : ModelSources.routed(
                policy, small.atSetting(unitDraws, setting), large.atSetting(unitDraws, setting));
      }

      @Override
      public java.util.Map<String, Double> assumptions() {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        small.assumptions().forEach((k, v) -> out.put(small.name() + "." + k, v));
        large.assumptions().forEach((k, v) -> out.put(large.name() + "." + k, v));
        return out;
      }

      @Override
      public NamedModel model(long seed) {
        throw new IllegalStateException(
            name + " routes between two models; ask it for selector(seed), not model(seed)");
      }

      @Override
      public dev.frugal.core.ModelSelector selector(long seed) {
        return dev.frugal.router.RoutedSelector.builder()
            .small(small.model(seed))
            .large(large.model(seed))
            .policy(p)
            .seed(seed)
            .build();
      }

      @Override
      public java.util.Map<String, ModelPrice> prices() {
        return java.util.Map.of(small.name(), small.price(), large.name(), large.price());
      }
    };
  }

  /**
   * A model source by the CLI's spec: a simulated profile (name or file), or {@code
   * router:SMALL/LARGE[:POLICY]} for a routed pair of simulated profiles (POLICY defaults to {@code
   * default}; see {@link dev.frugal.testbed.router.Routers#policy} for the names). The older form
   * {@code router:POLICY:SMALL/LARGE} is still read.
   */
  public static ModelSource parse(String spec, SimWorld world, boolean realLatency) {
    if (!spec.startsWith("router:")) return simulated(spec, world, realLatency);
    String rest = spec.substring("router:".length());
    String pair;
    String policy;
    int last = rest.lastIndexOf(':');
    String head = last < 0 ? "" : rest.substring(0, last);
    String tail = last < 0 ? "" : rest.substring(last + 1);
    if (last > 0
        && head.split("/", -1).length == 2
        && (!tail.contains("/")
            || tail.startsWith("knn=")
            || java.nio.file.Files.isDirectory(java.nio.file.Path.of(tail)))) {
      pair = head; // router:SMALL/LARGE:POLICY
      policy = tail;
    } else {
      int slash = rest.lastIndexOf('/');
      int colon = slash < 0 ? -1 : rest.lastIndexOf(':', slash);
      pair = colon < 0 ? rest : rest.substring(colon + 1);
      policy = colon < 0 ? "default" : rest.substring(0, colon);
    }
    String[] parts = pair.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank() || policy.isBlank()) {
      throw new IllegalArgumentException(
          "bad routed model '"
              + spec
              + "'; expected router:SMALL/LARGE or router:SMALL/LARGE:POLICY, e.g."
              + " router:sim-small/sim-large or router:sim-small/sim-large:small-first-1 (POLICY: "
              + dev.frugal.testbed.router.Routers.VALID
              + ")");
    }
    return routed(
        policy, simulated(parts[0], world, realLatency), simulated(parts[1], world, realLatency));
  }

  /**
   * Any OpenAI-compatible server. The key comes from {@code FRUGAL_API_KEY} or {@code
   * OPENAI_API_KEY} and is never printed.
   */
  public static ModelSource openAiCompatible(String baseUrl, String model, ModelPrice price) {
    String key = System.getenv("FRUGAL_API_KEY");
    if (key == null || key.isBlank()) key = System.getenv("OPENAI_API_KEY");
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "--base-url needs an API key in FRUGAL_API_KEY or OPENAI_API_KEY (use any non-empty value"
              + " for a local server that ignores keys)");
    }
    return openAiCompatible(baseUrl, model, price, key);
  }

  /** Any OpenAI-compatible server, with the key given. */
  public static ModelSource openAiCompatible(
      String baseUrl, String model, ModelPrice price, String key) {
    OpenAiChatModel m =
        OpenAiChatModel.builder()
            .baseUrl(baseUrl)
            .apiKey(key)
            .modelName(model)
            .maxRetries(0)
            .timeout(Duration.ofSeconds(120))
            .build();
    return new RealModel(model, price, m);
  }

  /**
   * Anthropic's Messages API through LangChain4j's {@code langchain4j-anthropic}. The key comes
   * from {@code ANTHROPIC_API_KEY} and is never printed; {@code baseUrl} may be null for
   * Anthropic's own endpoint.
   */
  public static ModelSource anthropic(String baseUrl, String model, ModelPrice price) {
    String key = System.getenv("ANTHROPIC_API_KEY");
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "--provider anthropic needs an API key in the environment variable ANTHROPIC_API_KEY");
    }
    AnthropicChatModel.AnthropicChatModelBuilder b =
        AnthropicChatModel.builder()
            .apiKey(key)
            .modelName(model)
            .maxRetries(0)
            .maxTokens(4096)
            .timeout(Duration.ofSeconds(120));
    if (baseUrl != null) b.baseUrl(baseUrl);
    return new RealModel(model, price, b.build());
  }

  /**
   * A real model behind a server: the same {@link ChatModel} for every episode, whatever the seed.
   */
  private record RealModel(String name, ModelPrice price, ChatModel chat) implements ModelSource {
    @Override
    public boolean simulated() {
      return false;
    }

    @Override
    public NamedModel model(long seed) {
      return new NamedModel(name, chat);
    }
  }
}
