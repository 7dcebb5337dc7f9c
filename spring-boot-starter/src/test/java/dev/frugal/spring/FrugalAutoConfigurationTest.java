package dev.frugal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.budget.redis.RedisBudgetStore;
import dev.frugal.core.Agent;
import dev.frugal.core.budget.BudgetScope;
import dev.frugal.core.budget.BudgetStore;
import dev.frugal.core.budget.InProcessBudgetStore;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.Money;
import dev.frugal.core.budget.Window;
import dev.frugal.core.strategy.bats.Bats;
import dev.frugal.observability.micrometer.FrugalMeters;
import dev.frugal.observability.otel.OtelRunListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration, property by property, in contexts started by Spring Boot's runner. */
class FrugalAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
          .withPropertyValues(
              "frugal.model.base-url=http://127.0.0.1:9/v1",
              "frugal.model.name=house-model",
              "frugal.prices.input-per-million=2.5",
              "frugal.prices.output-per-million=10",
              "frugal.budget.usd=0.05");

  @Test
  void propertiesBuildTheAgentWithItsPricesCapsStrategyAndToolBeans() {
    runner
        .withBean(Almanac.class)
        .withPropertyValues(
            "frugal.strategy=bats",
            "frugal.prices.tools.capital=0.002",
            "frugal.budget.tool-units.capital=3",
            "frugal.max-steps=7")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              Agent agent = ctx.getBean(Agent.class);
              assertThat(agent.prices().model("house-model")).isEqualTo(ModelPrice.of(2.5, 10));
              assertThat(agent.prices().toolUnitUsd("capital")).isEqualTo(0.002);
              assertThat(agent.budget().usdPicos()).hasValue(Money.picos(0.05));
              assertThat(agent.budget().toolUnits("capital")).hasValue(3);
              assertThat(agent.strategy()).isInstanceOf(Bats.class);
              assertThat(agent.tracker()).isPresent();
              assertThat(agent.maxSteps()).isEqualTo(7);
              assertThat(agent.tools().names()).containsExactly("capital");
              assertThat(agent.sharedBudgets()).isEmpty();
              assertThat(ctx.getBean(BudgetStore.class)).isInstanceOf(InProcessBudgetStore.class);
            });
  }

  @Test
  void aFrugalToolBeanIsOneOfTheAgentsToolsWithItsOwnUnitRule() {
    dev.frugal.core.tool.Tool batch =
        new dev.frugal.core.tool.Tool() {
          @Override
          public dev.langchain4j.agent.tool.ToolSpecification specification() {
            return dev.langchain4j.agent.tool.ToolSpecification.builder()
                .name("lookup")
                .description("looks things up")
                .build();
          }

          @Override
          public dev.frugal.core.tool.ToolResult execute(dev.frugal.core.tool.ToolCall call) {
            return dev.frugal.core.tool.ToolResult.ok("found");
          }
        };
    runner
        .withBean(Almanac.class)
        .withBean("lookup", dev.frugal.core.tool.Tool.class, () -> batch)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              Agent agent = ctx.getBean(Agent.class);
              assertThat(agent.tools().names()).containsExactlyInAnyOrder("capital", "lookup");
              assertThat(agent.tools().find("lookup")).containsSame(batch);
            });
  }

  @Test
  void aModelOfTheBundledCatalogNeedsNoPriceProperties() {
    String listed = dev.frugal.core.budget.PriceTable.catalog().models().get(0);
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
        .withPropertyValues("frugal.model.name=" + listed, "frugal.budget.usd=0.01")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(Agent.class).prices().prices(listed)).isTrue();
            });
  }

  @Test
  void aModelWithoutAPriceStopsStartupNamingTheProperties() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
        .withPropertyValues("frugal.model.name=house-model", "frugal.budget.usd=0.01")
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              assertThat(rootCause(ctx.getStartupFailure()))
                  .isInstanceOf(FrugalConfigurationException.class)
                  .hasMessageContaining("no price for model 'house-model'")
                  .hasMessageContaining("frugal.prices.input-per-million")
                  .hasMessageContaining("frugal.prices.output-per-million");
            });
  }

  @Test
  void halfAPriceIsRefusedNamingTheMissingHalf() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
        .withPropertyValues(
            "frugal.model.name=house-model",
            "frugal.prices.input-per-million=1",
            "frugal.budget.usd=0.01")
        .run(
            ctx ->
                assertThat(rootCause(ctx.getStartupFailure()))
                    .isInstanceOf(FrugalConfigurationException.class)
                    .hasMessageContaining("got only input-per-million"));
  }

  @Test
  void aRunWithoutAnyCapIsRefusedAtStartup() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
        .withPropertyValues(
            "frugal.model.name=house-model",
            "frugal.prices.input-per-million=1",
            "frugal.prices.output-per-million=1")
        .run(
            ctx ->
                assertThat(rootCause(ctx.getStartupFailure()))
                    .isInstanceOf(FrugalConfigurationException.class)
                    .hasMessageContaining("frugal.budget.usd"));
  }

  @Test
  void aMissingModelNameAndAnUnknownStrategyAreClearErrors() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
        .withPropertyValues("frugal.budget.usd=0.01")
        .run(
            ctx ->
                assertThat(rootCause(ctx.getStartupFailure()))
                    .hasMessageContaining("frugal.model.name is required"));
    runner
        .withPropertyValues("frugal.strategy=greedy")
        .run(
            ctx ->
                assertThat(rootCause(ctx.getStartupFailure()))
                    .hasMessageContaining("frugal.strategy must be one of")
                    .hasMessageContaining("'greedy'"));
  }

  @Test
  void theResolverKeysEachRequestsAgentToItsUsersScope() {
    ThreadLocal<String> user = new ThreadLocal<>();
    runner
        .withBean(FrugalScopeResolver.class, () -> () -> Optional.ofNullable(user.get()))
        .withPropertyValues("frugal.budget.per-user.usd=1.5", "frugal.budget.per-user.window=month")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              FrugalAgents agents = ctx.getBean(FrugalAgents.class);
              user.set("alice");
              Agent alice = agents.forCurrentRequest();
              BudgetScope scope = alice.sharedBudgets().orElseThrow().scopes().get(0);
              assertThat(scope.id()).isEqualTo("user:alice/month");
              assertThat(scope.window()).isEqualTo(Window.MONTH);
              assertThat(scope.caps().usdPicos()).hasValue(Money.picos(1.5));
              assertThat(alice.sharedBudgets().orElseThrow().store())
                  .isSameAs(ctx.getBean(BudgetStore.class));
              assertThat(agents.forCurrentRequest())
                  .as("kept for the next request")
                  .isSameAs(alice);
              user.set("bob");
              assertThat(agents.forCurrentRequest().sharedBudgets().orElseThrow().scopes())
                  .extracting(BudgetScope::id)
                  .containsExactly("user:bob/month");
              user.remove();
              assertThat(agents.forCurrentRequest()).isSameAs(ctx.getBean(Agent.class));
              assertThat(ctx.getBean(Agent.class).sharedBudgets()).isEmpty();
            });
  }

  @Test
  void aBadUserKeyOrWindowIsAClearError() {
    runner
        .withPropertyValues("frugal.budget.per-user.window=fortnight")
        .run(
            ctx ->
                assertThat(rootCause(ctx.getStartupFailure()))
                    .hasMessageContaining("frugal.budget.per-user.window"));
    runner.run(
        ctx ->
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> ctx.getBean(FrugalAgents.class).forScope("a b"))
                .hasMessageContaining("letters, digits"));
  }

  @Test
  void aMeterRegistryGetsFrugalsMetersAsARunListener() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(ctx -> assertThat(ctx).hasSingleBean(FrugalMeters.class));
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(FrugalMeters.class));
  }

  @Test
  void anOpenTelemetryBeanGetsASpanPerRunAndStep() throws Exception {
    io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter spans =
        io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter.create();
    io.opentelemetry.sdk.OpenTelemetrySdk otel =
        io.opentelemetry.sdk.OpenTelemetrySdk.builder()
            .setTracerProvider(
                io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
                    .addSpanProcessor(
                        io.opentelemetry.sdk.trace.export.SimpleSpanProcessor.create(spans))
                    .build())
            .build();
    try (FakeOpenAiModel model = new FakeOpenAiModel()) {
      runner
          .withBean(Almanac.class)
          .withBean(io.opentelemetry.api.OpenTelemetry.class, () -> otel)
          .withPropertyValues("frugal.model.base-url=" + model.baseUrl())
          .run(
              ctx -> {
                assertThat(ctx).hasSingleBean(OtelRunListener.class);
                assertThat(ctx.getBean(Agent.class).run("What is the capital of France?").answer())
                    .hasValue("Paris");
                // inside the context: closing it shuts the SDK down, which clears the exporter
                assertThat(spans.getFinishedSpanItems())
                    .extracting(io.opentelemetry.sdk.trace.data.SpanData::getName)
                    .contains("invoke_agent frugal", "chat house-model");
              });
    }
    runner.run(ctx -> assertThat(ctx).doesNotHaveBean(OtelRunListener.class));
  }

  @Test
  void aUsersSpentScopeRefusesTheirRunBeforeTheModelIsCalled() throws Exception {
    try (FakeOpenAiModel model = new FakeOpenAiModel()) {
      runner
          .withBean(Almanac.class)
          .withBean(FrugalScopeResolver.class, () -> () -> Optional.of("carol"))
          .withPropertyValues(
              "frugal.model.base-url=" + model.baseUrl(), "frugal.budget.per-user.usd=0.000001")
          .run(
              ctx -> {
                FrugalAgents agents = ctx.getBean(FrugalAgents.class);
                dev.frugal.core.RunResult r =
                    agents.forCurrentRequest().run("What is the capital of France?");
                assertThat(r.stopReason())
                    .isInstanceOf(dev.frugal.core.StopReason.BudgetExhausted.class);
                assertThat(r.stopReason().toString())
                    .as("names the user's scope")
                    .contains("carol");
                assertThat(r.usd()).isZero();
                assertThat(model.requests()).as("nothing was sent to the model").isEmpty();
                assertThat(ctx.getBean(FrugalBudgetsEndpoint.class).scope("carol"))
                    .containsEntry("usedUsd", 0.0)
                    .containsEntry("reservedUsd", 0.0);
                // the same question without the user's scope is answered
                assertThat(ctx.getBean(Agent.class).run("What is the capital of France?").answer())
                    .hasValue("Paris");
              });
    }
  }

  @Test
  void aRedisUrlSelectsTheRedisStoreAndAnythingElseIsRefused() {
    runner
        .withPropertyValues("frugal.budget-store=redis://127.0.0.1:6399")
        .run(
            ctx -> assertThat(ctx.getBean(BudgetStore.class)).isInstanceOf(RedisBudgetStore.class));
    runner
        .withPropertyValues("frugal.budget-store=postgres://u:secret@db/x")
        .run(
            ctx ->
                assertThat(rootCause(ctx.getStartupFailure()))
                    .hasMessageContaining("frugal.budget-store must be")
                    .hasMessageNotContaining("secret"));
  }

  static Throwable rootCause(Throwable t) {
    assertThat(t).as("startup failure").isNotNull();
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      if (c instanceof FrugalConfigurationException) return c;
      c = c.getCause();
    }
    return c;
  }
}
