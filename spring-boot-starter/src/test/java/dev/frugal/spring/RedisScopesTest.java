package dev.frugal.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.frugal.budget.redis.RedisBudgetStore;
import dev.frugal.core.RunResult;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * With {@code frugal.budget-store} a real Redis ({@code FRUGAL_TEST_REDIS_URL}, as {@code
 * .ci/redis} sets it), two application instances share each user's books: what one instance's run
 * spent for a user, the other's endpoint shows. Skipped locally without Redis; under {@code
 * CI=true} a missing Redis fails.
 */
class RedisScopesTest {

  static String redisUrl() {
    String url = System.getenv("FRUGAL_TEST_REDIS_URL");
    if (url == null || url.isBlank()) {
      String why = "FRUGAL_TEST_REDIS_URL is not set (start redis-server, see .ci/redis)";
      if ("true".equals(System.getenv("CI"))) throw new AssertionError(why);
      Assumptions.abort(why);
    }
    return url;
  }

  @Test
  void twoInstancesShareEachUsersBooksInRedis() throws Exception {
    String redis = redisUrl();
    String user = "u" + UUID.randomUUID().toString().replace("-", "");
    try (FakeOpenAiModel model = new FakeOpenAiModel()) {
      ApplicationContextRunner instance =
          new ApplicationContextRunner()
              .withConfiguration(AutoConfigurations.of(FrugalAutoConfiguration.class))
              .withBean(Almanac.class)
              .withBean(FrugalScopeResolver.class, () -> () -> Optional.of(user))
              .withPropertyValues(
                  "frugal.model.base-url=" + model.baseUrl(),
                  "frugal.model.name=house-model",
                  "frugal.prices.input-per-million=2.5",
                  "frugal.prices.output-per-million=10",
                  "frugal.budget.usd=0.05",
                  "frugal.budget.per-user.usd=1",
                  "frugal.budget-store=" + redis);
      double[] spent = new double[1];
      instance.run(
          ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(FrugalAgents.class).store())
                .isInstanceOf(RedisBudgetStore.class);
            RunResult r =
                ctx.getBean(FrugalAgents.class)
                    .forCurrentRequest()
                    .run("What is the capital of France?");
            assertThat(r.answer()).hasValue("Paris");
            spent[0] = r.usd();
          });
      assertThat(spent[0]).isPositive();
      instance.run(
          ctx -> {
            Map<String, Object> books = ctx.getBean(FrugalBudgetsEndpoint.class).scope(user);
            assertThat((Double) books.get("usedUsd")).isCloseTo(spent[0], Offset.offset(1e-9));
            assertThat(books).containsEntry("reservedUsd", 0.0).containsEntry("capUsd", 1.0);
          });
    }
  }
}
