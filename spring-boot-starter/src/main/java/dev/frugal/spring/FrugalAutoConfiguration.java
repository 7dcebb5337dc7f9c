package dev.frugal.spring;

import dev.frugal.budget.redis.RedisBudgetStore;
import dev.frugal.core.Agent;
import dev.frugal.core.AgentBuilder;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.InProcessBudgetStore;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.budget.Window;
import dev.frugal.core.strategy.BudgetForcing;
import dev.frugal.core.strategy.ReAct;
import dev.frugal.core.strategy.bats.Bats;
import dev.frugal.core.strategy.bavt.Bavt;
import dev.frugal.core.trace.RunListener;
import dev.frugal.observability.micrometer.FrugalMeters;
import dev.frugal.observability.otel.OtelRunListener;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Builds Frugal's agent from {@link FrugalProperties}: an OpenAI-compatible {@link ChatModel}
 * (unless the application defines its own), a {@link PriceTable} that must price it, the run caps,
 * the strategy, every bean with LangChain4j {@code @Tool} methods and every {@link
 * dev.frugal.core.tool.Tool} bean (a tool with its own unit rule) as tools, every {@link
 * RunListener} bean as a listener ({@link FrugalMeters} among them when a {@link MeterRegistry}
 * bean exists, {@link OtelRunListener} when an {@code OpenTelemetry} bean does), and {@link
 * FrugalAgents} for per-user shared budgets, kept in this process or in Redis ({@code
 * frugal.budget-store}). A property that is missing or wrong stops the application at startup with
 * a {@link FrugalConfigurationException} naming it.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@EnableConfigurationProperties(FrugalProperties.class)
public class FrugalAutoConfiguration {

  /** The OpenAI-compatible model of {@code frugal.model.*}. */
  @Bean
  @ConditionalOnMissingBean(ChatModel.class)
  public ChatModel frugalChatModel(FrugalProperties props) {
    FrugalProperties.Model m = props.getModel();
    OpenAiChatModel.OpenAiChatModelBuilder b =
        OpenAiChatModel.builder().modelName(modelName(props)).apiKey(m.getApiKey());
    if (m.getBaseUrl() != null && !m.getBaseUrl().isBlank()) b.baseUrl(m.getBaseUrl());
    if (m.getTimeout() != null) b.timeout(m.getTimeout());
    return b.build();
  }

  /** The prices of {@code frugal.prices.*}, or the bundled catalog's row for the model. */
  @Bean
  @ConditionalOnMissingBean(PriceTable.class)
  public PriceTable frugalPriceTable(FrugalProperties props) {
    String model = modelName(props);
    FrugalProperties.Prices p = props.getPrices();
    PriceTable.Builder b = PriceTable.builder();
    if (p.getInputPerMillion() != null || p.getOutputPerMillion() != null) {
      if (p.getInputPerMillion() == null || p.getOutputPerMillion() == null) {
        throw new FrugalConfigurationException(
            "frugal.prices: set both input-per-million and output-per-million (dollars per million"
                + " tokens) for model '"
                + model
                + "', got only "
                + (p.getInputPerMillion() == null ? "output-per-million" : "input-per-million"));
      }
      try {
        b.model(model, ModelPrice.of(p.getInputPerMillion(), p.getOutputPerMillion()));
      } catch (IllegalArgumentException e) {
        throw new FrugalConfigurationException("frugal.prices: " + e.getMessage(), e);
      }
    } else if (PriceTable.catalog().find(model).isPresent()) {
      b.fromCatalog(model);
    } else {
      throw new FrugalConfigurationException(
          "no price for model '"
              + model
              + "': set frugal.prices.input-per-million and frugal.prices.output-per-million"
              + " (dollars per million tokens), or name a model of the bundled price catalog ("
              + String.join(", ", PriceTable.catalog().models())
              + ")");
    }
    for (Map.Entry<String, Double> t : p.getTools().entrySet()) {
      b.tool(t.getKey(), t.getValue());
    }
    return b.build();
  }

  /** This process's memory, or Redis when {@code frugal.budget-store} is a redis:// URL. */
  @Bean
  @ConditionalOnMissingBean(BudgetStore.class)
  public BudgetStore frugalBudgetStore(FrugalProperties props) {
    String where = props.getBudgetStore();
    if (where == null || where.isBlank() || where.equals("memory")) {
      return InProcessBudgetStore.create();
    }
    if (!where.startsWith("redis://") && !where.startsWith("rediss://")) {
      throw new FrugalConfigurationException(
          "frugal.budget-store must be empty or 'memory' (this process) or a redis:// URL (e.g."
              + " redis://127.0.0.1:6379), got '"
              + where.replaceAll("//[^/@]*@", "//***@")
              + "'");
    }
    return RedisBudgetStore.builder().url(where).build();
  }

  /** The application's agents: the plain one and one per user scope. */
  @Bean
  @ConditionalOnMissingBean(FrugalAgents.class)
  public FrugalAgents frugalAgents(
      FrugalProperties props,
      ChatModel model,
      PriceTable prices,
      BudgetStore store,
      ListableBeanFactory beans,
      ObjectProvider<RunListener> listeners,
      ObjectProvider<dev.frugal.core.tool.Tool> frugalTools,
      ObjectProvider<FrugalScopeResolver> resolver) {
    String name = modelName(props);
    Budget runCaps = caps(props.getBudget(), "frugal.budget");
    if (runCaps.isUnlimited()) {
      throw new FrugalConfigurationException(
          "frugal.budget: set at least one cap on a run, e.g. frugal.budget.usd=0.05 (dollars),"
              + " or input-tokens, output-tokens, total-tokens, tool-units.NAME");
    }
    FrugalProperties.PerUser perUser = props.getBudget().getPerUser();
    Budget scopeCaps = caps(perUser, "frugal.budget.per-user");
    Window window;
    try {
      window = Window.parse(perUser.getWindow());
    } catch (IllegalArgumentException e) {
      throw new FrugalConfigurationException("frugal.budget.per-user.window: " + e.getMessage(), e);
    }
    String strategy = props.getStrategy() == null ? "react+tracker" : props.getStrategy().strip();
    List<Object> toolBeans = toolBeans(beans);
    List<RunListener> runListeners = listeners.orderedStream().toList();
    List<dev.frugal.core.tool.Tool> tools = frugalTools.orderedStream().toList();
    java.util.function.Supplier<AgentBuilder> template =
        () -> {
          AgentBuilder b = Agent.builder().model(name, model).prices(prices).budget(runCaps);
          strategy(b, strategy);
          for (Object t : toolBeans) b.toolsFrom(t);
          for (dev.frugal.core.tool.Tool t : tools) b.tool(t);
          for (RunListener l : runListeners) b.listener(l);
          if (props.getMaxSteps() != null) b.maxSteps(props.getMaxSteps());
          if (props.getSystemPrompt() != null) b.systemPrompt(props.getSystemPrompt());
          if (props.getModel().getTimeout() != null) b.modelTimeout(props.getModel().getTimeout());
          return b;
        };
    try {
      return new FrugalAgents(
          template, store, window, scopeCaps, perUser.getWait(), resolver.getIfAvailable());
    } catch (IllegalArgumentException e) {
      throw new FrugalConfigurationException("frugal: " + e.getMessage(), e);
    }
  }

  /** The agent without shared budgets ({@link FrugalAgents#agent()}). */
  @Bean
  @ConditionalOnMissingBean(Agent.class)
  public Agent frugalAgent(FrugalAgents agents) {
    return agents.agent();
  }

  /** Micrometer meters of every run, when the application has a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Meters {
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean(FrugalMeters.class)
    FrugalMeters frugalMeters(MeterRegistry registry) {
      return new FrugalMeters(registry);
    }
  }

  /** OpenTelemetry spans of every run, when the application has an {@code OpenTelemetry} bean. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.opentelemetry.api.OpenTelemetry")
  static class Tracing {
    @Bean
    @ConditionalOnBean(io.opentelemetry.api.OpenTelemetry.class)
    @ConditionalOnMissingBean(OtelRunListener.class)
    OtelRunListener frugalOtelListener(io.opentelemetry.api.OpenTelemetry otel) {
      return OtelRunListener.create(otel);
    }
  }

  /** The actuator endpoint, when Spring Boot's actuator is on the classpath. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  static class Endpoints {
    @Bean
    @ConditionalOnMissingBean(FrugalBudgetsEndpoint.class)
    FrugalBudgetsEndpoint frugalBudgetsEndpoint(FrugalAgents agents) {
      return new FrugalBudgetsEndpoint(agents);
    }
  }

  static String modelName(FrugalProperties props) {
    String name = props.getModel().getName();
    if (name == null || name.isBlank()) {
      throw new FrugalConfigurationException(
          "frugal.model.name is required: the model's name as its API knows it (e.g."
              + " gpt-4o-mini); prices and caps use it too");
    }
    return name.strip();
  }

  static Budget caps(FrugalProperties.Caps c, String prefix) {
    Budget.Builder b = Budget.builder();
    try {
      if (c.getUsd() != null) b.usd(c.getUsd());
      if (c.getInputTokens() != null) b.inputTokens(c.getInputTokens());
      if (c.getOutputTokens() != null) b.outputTokens(c.getOutputTokens());
      if (c.getTotalTokens() != null) b.totalTokens(c.getTotalTokens());
      for (Map.Entry<String, Long> t : c.getToolUnits().entrySet()) {
        b.toolUnits(t.getKey(), t.getValue());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new FrugalConfigurationException(prefix + ": " + e.getMessage(), e);
    }
  }

  static void strategy(AgentBuilder b, String name) {
    switch (name) {
      case "react" -> b.strategy(ReAct.builder().build());
      case "react+tracker" -> b.strategy(ReAct.builder().build()).budgetTracker(true);
      case "budget-forcing" -> b.strategy(BudgetForcing.withDefaults());
      case "bats" -> b.strategy(Bats.withDefaults()).budgetTracker(true);
      case "bavt" -> b.strategy(Bavt.builder().build());
      default ->
          throw new FrugalConfigurationException(
              "frugal.strategy must be one of react, react+tracker, budget-forcing, bats, bavt;"
                  + " got '"
                  + name
                  + "'");
    }
  }

  /** The beans with a LangChain4j {@code @Tool} method, in the order the context defines them. */
  static List<Object> toolBeans(ListableBeanFactory beans) {
    List<Object> out = new ArrayList<>();
    for (String bean : beans.getBeanNamesForType(Object.class, false, false)) {
      Class<?> type = beans.getType(bean, false);
      if (type == null) continue;
      if (hasToolMethod(ClassUtils.getUserClass(type))) out.add(beans.getBean(bean));
    }
    return out;
  }

  static boolean hasToolMethod(Class<?> type) {
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class)) return true;
    }
    return false;
  }
}
