package dev.frugal.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.core.NamedModel;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.Ledger;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.memory.model.MemoryModels;
import dev.frugal.memory.model.ModelSize;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.Module;
import dev.frugal.memory.module.TierChooser;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class MemoryTest {
  private static final PriceTable PRICES =
      PriceTable.builder()
          .model("small", ModelPrice.of(0.1, 0.4))
          .model("mid", ModelPrice.of(1, 4))
          .model("large", ModelPrice.of(5, 20))
          .build();

  public static MemoryModels models(EchoingMemoryModel m) {
    return new MemoryModels(
        Map.of(
            ModelSize.SMALL, new NamedModel("small", m),
            ModelSize.MID, new NamedModel("mid", m),
            ModelSize.LARGE, new NamedModel("large", m)),
        PRICES);
  }

  @Test
  void lowTiersCostNothingAndSummariseTheRelevantTurns() {
    Memory memory = Memory.builder().history(Conversations.small()).chunkTokens(64).build();
    Recall r = memory.recall("Which city did Maria's sister fly in from for the recital?");
    assertThat(r.usd()).isZero();
    assertThat(r.summary()).contains("Madrid").doesNotStartWith("Madrid");
    assertThat(r.tiers())
        .hasSize(5)
        .containsValue(MemoryTier.LOW)
        .doesNotContainValue(MemoryTier.HIGH);
  }

  @Test
  void modelTiersAreChargedToTheCallersLedger() {
    EchoingMemoryModel model = new EchoingMemoryModel(false);
    Memory memory =
        Memory.builder()
            .history(Conversations.small())
            .models(models(model))
            .tiers(TierChooser.fixed(MemoryTier.HIGH))
            .build();
    try (Ledger run = Ledger.open(Budget.builder().usd(1).build())) {
      Recall r = memory.recall("What does Tom do at his new job?", run);
      assertThat(model.calls()).isEqualTo(5); // every module at HIGH is a large-model call
      assertThat(r.usd()).isPositive();
      assertThat(run.snapshot().used().usd())
          .isCloseTo(r.usd(), org.assertj.core.data.Offset.offset(1e-12));
      assertThat(r.details().runs())
          .extracting(x -> x.implementation())
          .containsOnly("LARGE/DIRECT");
    }
  }

  @Test
  void aTinyPerQueryCapMasksTiersAndNeverOverspends() {
    EchoingMemoryModel model = new EchoingMemoryModel(false);
    for (double cap : new double[] {0, 1e-6, 1e-4, 5e-4, 2e-3, 1e-2}) {
      for (Axis axis : Axis.values()) {
        Memory memory =
            Memory.builder()
                .history(Conversations.small())
                .models(models(model))
                .axis(axis)
                .tiers(TierChooser.fixed(MemoryTier.HIGH))
                .perQueryUsd(cap)
                .build();
        try (Ledger run = Ledger.open(Budget.unlimited())) {
          Recall r = memory.recall("When did Maria perform at her recital?", run);
          assertThat(r.usd()).as("cap %s axis %s", cap, axis).isLessThanOrEqualTo(cap);
          assertThat(run.snapshot().used().usd()).isLessThanOrEqualTo(cap);
          assertThat(r.summary()).isNotBlank();
          r.details()
              .runs()
              .forEach(
                  x -> {
                    if (x.tier() != null) assertThat(x.allowed()).contains(x.tier());
                  });
          if (cap == 0 && axis != Axis.IMPLEMENTATION) {
            assertThat(r.tiers()).isEmpty(); // every model tier masked: rules ran
          }
        }
      }
    }
  }

  @Test
  void aFailedModelCallReleasesItsReservationAndFallsBackToRules() {
    EchoingMemoryModel failing = new EchoingMemoryModel(true);
    Memory memory =
        Memory.builder()
            .history(Conversations.small())
            .models(models(failing))
            .axis(Axis.CAPACITY)
            .tiers(TierChooser.fixed(MemoryTier.MID))
            .build();
    try (Ledger run = Ledger.open(Budget.builder().usd(1).build())) {
      Recall r = memory.recall("Where did Tom travel in June?", run);
      assertThat(failing.calls()).isEqualTo(5);
      assertThat(r.usd()).isZero();
      assertThat(run.snapshot().used().usd()).isZero();
      assertThat(run.snapshot().reserved().usd()).isZero();
      assertThat(r.summary()).contains("Kyoto");
      assertThat(r.details().runs()).allSatisfy(x -> assertThat(x.note()).contains("failed"));
    }
  }

  @Test
  void theRecallToolAnswersWithASummaryAndExplainsABlankQuery() throws Exception {
    Memory memory = Memory.builder().history(Conversations.small()).build();
    try (Ledger ledger = Ledger.open(Budget.unlimited())) {
      RecallTool tool = new RecallTool(memory, ledger);
      var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
      var ok =
          tool.execute(new ToolCall("1", "recall", mapper.readTree("{\"query\":\"Biscuit\"}")));
      assertThat(ok.error()).isFalse();
      assertThat(ok.text()).contains("Biscuit");
      var bad = tool.execute(new ToolCall("2", "recall", mapper.readTree("{\"query\":\" \"}")));
      assertThat(bad.error()).isTrue();
      assertThat(bad.text()).contains("'query' is empty");
    }
  }

  @Test
  void theAxisMapsTiersAsThePaperDescribes() {
    assertThat(Axis.IMPLEMENTATION.implementation(Module.FILTER, MemoryTier.MID))
        .isInstanceOf(Axis.Implementation.Embedding.class);
    assertThat(Axis.CAPACITY.implementation(Module.SUMMARY, MemoryTier.LOW).toString())
        .contains("SMALL")
        .contains("DIRECT");
    assertThat(Axis.REASONING.implementation(Module.ENTITY, MemoryTier.HIGH).toString())
        .contains("MID")
        .contains("PLAN_ACT_REFLECT");
  }
}
