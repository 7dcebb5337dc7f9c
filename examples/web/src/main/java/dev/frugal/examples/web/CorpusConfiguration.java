package dev.frugal.examples.web;

import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.Tool;
import dev.frugal.testbed.bench.Testbed;
import dev.frugal.testbed.sim.SimProfile;
import dev.frugal.testbed.sim.SimWorld;
import dev.frugal.testbed.sim.SimulatedChatModel;
import dev.frugal.tools.corpus.OpenTool;
import dev.frugal.tools.corpus.SearchTool;
import dev.langchain4j.model.chat.ChatModel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The world the page's agent works in, as {@code frugal ask} sets it up without model flags: the
 * bundled HotpotQA corpus behind the {@code search} and {@code open} tools (registered with the
 * starter as {@link Tool} beans), and, unless a real model is configured, the SIMULATED model
 * ({@code sim-large} or {@code sim-small}, a policy simulation over that corpus, not a language
 * model; docs/testbed.md) as the starter's {@link ChatModel}, priced as its profile says.
 */
@Configuration(proxyBeanMethods = false)
public class CorpusConfiguration {

  /** The bundled questions and the Lucene index over their paragraphs. */
  @Bean(destroyMethod = "close")
  public Testbed testbed() {
    return Testbed.open(Testbed.BUNDLED, java.util.List.of());
  }

  /** {@code search}: a batch of queries over the corpus, one unit per query. */
  @Bean
  public Tool searchTool(Testbed bed) {
    return new SearchTool(bed.index());
  }

  /** {@code open}: paragraphs by id, one unit per paragraph. */
  @Bean
  public Tool openTool(Testbed bed) {
    return new OpenTool(bed.index());
  }

  /** What the simulated model knows: the bundled questions. */
  @Bean
  public SimWorld simWorld(Testbed bed) {
    return new SimWorld(bed.dataset());
  }

  /** The simulated model and its prices; absent when {@code web.simulated=false}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(name = "web.simulated", havingValue = "true", matchIfMissing = true)
  static class Simulated {

    @Bean
    SimProfile simProfile(@Value("${frugal.model.name:sim-large}") String model) {
      return SimProfile.resource(model);
    }

    /**
     * The simulated model, seed 0 as {@code frugal ask}'s; each reply waits {@code
     * web.sim-latency-scale} of the profile's declared latency, so the page shows a run unfold.
     */
    @Bean
    ChatModel simulatedChatModel(SimProfile profile, SimWorld world, WebSettings settings) {
      double scale = settings.simLatencyScale();
      return SimulatedChatModel.builder()
          .profile(profile)
          .world(world)
          .seed(0)
          .sleeper(
              scale == 0
                  ? SimulatedChatModel.Sleeper.NONE
                  : millis -> Thread.sleep(Math.round(millis * scale)))
          .build();
    }

    /**
     * The simulated model at the hosted model's prices its profile declares, and the corpus tools
     * at the default unit price, declared as {@code frugal ask} declares them.
     */
    @Bean
    PriceTable simulatedPrices(SimProfile profile) {
      return PriceTable.builder()
          .model(profile.modelName(), profile.pricing().price())
          .tool(SearchTool.NAME, PriceTable.DEFAULT_TOOL_UNIT_USD)
          .tool(OpenTool.NAME, PriceTable.DEFAULT_TOOL_UNIT_USD)
          .build();
    }
  }
}
