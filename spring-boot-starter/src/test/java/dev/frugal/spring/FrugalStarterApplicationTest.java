package dev.frugal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frugal.core.Agent;
import dev.frugal.core.RunResult;
import dev.frugal.core.StopReason;
import dev.frugal.observability.micrometer.FrugalMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot application with the starter, its model a simulated OpenAI-compatible server on
 * 127.0.0.1 ({@link FakeOpenAiModel}): a question runs through the configured agent, calls the
 * application's {@code @Tool} bean, is charged to the user's shared scope, counted by the meters
 * and shown by the actuator endpoint.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "frugal.model.name=house-model",
      "frugal.prices.input-per-million=2.5",
      "frugal.prices.output-per-million=10",
      "frugal.prices.tools.capital=0.001",
      "frugal.budget.usd=0.05",
      "frugal.budget.per-user.usd=1",
      "frugal.strategy=react"
    })
class FrugalStarterApplicationTest {
  static final FakeOpenAiModel MODEL;
  static final ThreadLocal<String> USER = new ThreadLocal<>();

  static {
    try {
      MODEL = new FakeOpenAiModel();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    registry.add("frugal.model.base-url", MODEL::baseUrl);
  }

  @AfterAll
  static void stop() {
    MODEL.close();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    Almanac almanac() {
      return new Almanac();
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    FrugalScopeResolver userFromRequest() {
      return () -> Optional.ofNullable(USER.get());
    }
  }

  @Autowired FrugalAgents agents;
  @Autowired Agent agent;
  @Autowired MeterRegistry meters;
  @Autowired FrugalBudgetsEndpoint endpoint;

  @Test
  @SuppressWarnings("unchecked")
  void aQuestionRunsThroughTheConfiguredAgentAndIsChargedToTheUsersScope() {
    USER.set("alice");
    RunResult r;
    try {
      r = agents.forCurrentRequest().run("What is the capital of France?");
    } finally {
      USER.remove();
    }

    assertThat(r.stopReason()).isInstanceOf(StopReason.Answered.class);
    assertThat(r.answer()).hasValue("Paris");
    assertThat(r.toolUnits()).containsEntry("capital", 1L);
    // two model calls of 200 input and 20 output tokens at $2.5 and $10 per million, one unit
    double expected = 2 * (200 * 2.5 + 20 * 10) / 1e6 + 0.001;
    assertThat(r.usd()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));

    assertThat(MODEL.requests()).hasSize(2);
    JsonNode first = MODEL.requests().get(0);
    assertThat(first.path("model").asText()).isEqualTo("house-model");
    assertThat(first.path("tools").get(0).path("function").path("name").asText())
        .isEqualTo("capital");

    Map<String, Object> books = endpoint.scope("alice");
    assertThat(books)
        .containsEntry("scope", "user:alice/day")
        .containsEntry("capUsd", 1.0)
        .containsEntry("reservedUsd", 0.0);
    assertThat((Double) books.get("usedUsd"))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    Map<String, Object> all = (Map<String, Object>) endpoint.scopes().get("scopes");
    assertThat(all).containsOnlyKeys("user:alice/day");
    assertThat(endpoint.scope("bob")).containsEntry("usedUsd", 0.0);

    assertThat(meters.find(FrugalMeters.SPEND).counters())
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.count()).isPositive());
    assertThat(meters.find(FrugalMeters.RUNS).counters()).isNotEmpty();
    assertThat(agent.sharedBudgets()).isEmpty();
  }
}
