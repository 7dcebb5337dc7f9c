package dev.frugal.core;

import static dev.frugal.core.OpenAiScript.body;
import static dev.frugal.core.OpenAiScript.ok;
import static dev.frugal.core.OpenAiScript.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.frugal.core.budget.Budget;
import dev.frugal.core.budget.ModelPrice;
import dev.frugal.core.budget.PriceTable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shapes a typed answer may take (records of any visibility, classes with properties, {@code
 * Optional}, {@code java.time}, enums, lists, sets, nested records), through LangChain4j's real
 * OpenAiChatModel against a scripted server on 127.0.0.1.
 */
class TypedAnswerShapesTest {
  MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = OpenAiScript.startLocal();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Agent agent() {
    return Agent.builder()
        .model("gpt-4o-mini", OpenAiScript.model(server))
        .prices(PriceTable.builder().model("gpt-4o-mini", ModelPrice.of(0.15, 0.60)).build())
        .budget(Budget.builder().usd(0.01).build())
        .sleeper(d -> {})
        .build();
  }

  void script(String json) {
    server.enqueue(ok(text("<answer>Paris, France</answer>"), 100, 5, 0));
    server.enqueue(ok(text(json), 50, 10, 0));
  }

  private record PrivateCapital(String city, String country, long population) {}

  record PackageCapital(String city, String country, long population) {}

  static final String PARIS = "{\"city\":\"Paris\",\"country\":\"France\",\"population\":2100000}";

  @Test
  void aRecordDeclaredInAMethodIsRead() {
    record Capital(String city, String country, long population) {}
    script(PARIS);
    assertThat(agent().run("What is the capital of France?", Capital.class).value())
        .contains(new Capital("Paris", "France", 2_100_000));
  }

  @Test
  void privateAndPackagePrivateRecordsAreRead() {
    script(PARIS);
    assertThat(agent().run("Capital?", PrivateCapital.class).value())
        .contains(new PrivateCapital("Paris", "France", 2_100_000));
    script(PARIS);
    assertThat(agent().run("Capital?", PackageCapital.class).value())
        .contains(new PackageCapital("Paris", "France", 2_100_000));
  }

  /** A plain class with private fields and no setters. */
  static final class CapitalBean {
    private String city;
    private long population;
  }

  @Test
  void aClassIsReadThroughItsFields() throws Exception {
    script("{\"city\":\"Paris\",\"population\":2100000}");
    CapitalBean b = agent().run("Capital?", CapitalBean.class).value().orElseThrow();
    assertThat(b.city).isEqualTo("Paris");
    assertThat(b.population).isEqualTo(2_100_000);
    JsonNode schema = schemaSent();
    assertThat(schema.get("required").toString()).isEqualTo("[\"city\",\"population\"]");
  }

  enum Kind {
    CITY,
    TOWN
  }

  record Mayor(String name, LocalDate since) {}

  record City(
      String name,
      Kind kind,
      Optional<String> nickname,
      Optional<Mayor> mayor,
      LocalDate founded,
      Duration metroRide,
      Set<String> rivers,
      List<Mayor> formerMayors) {}

  @Test
  void optionalTimeEnumSetListAndNestedRecordsAreReadAndDescribed() throws Exception {
    script(
        "{\"name\":\"Paris\",\"kind\":\"CITY\",\"nickname\":null,"
            + "\"mayor\":{\"name\":\"Anne Hidalgo\",\"since\":\"2014-04-05\"},"
            + "\"founded\":\"0250-01-01\",\"metroRide\":\"PT25M\",\"rivers\":[\"Seine\",\"Seine\"],"
            + "\"formerMayors\":[{\"name\":\"Bertrand Delanoe\",\"since\":\"2001-03-25\"}]}");
    City c = agent().run("Tell me about Paris", City.class).value().orElseThrow();
    assertThat(c)
        .isEqualTo(
            new City(
                "Paris",
                Kind.CITY,
                Optional.empty(),
                Optional.of(new Mayor("Anne Hidalgo", LocalDate.of(2014, 4, 5))),
                LocalDate.of(250, 1, 1),
                Duration.ofMinutes(25),
                Set.of("Seine"),
                List.of(new Mayor("Bertrand Delanoe", LocalDate.of(2001, 3, 25)))));

    JsonNode props = schemaSent().get("properties");
    assertThat(props.get("kind").get("enum").toString()).isEqualTo("[\"CITY\",\"TOWN\"]");
    assertThat(props.get("nickname").get("anyOf").toString())
        .isEqualTo("[{\"type\":\"string\"},{\"type\":\"null\"}]");
    assertThat(props.get("mayor").get("anyOf").get(0).get("required").toString())
        .isEqualTo("[\"name\",\"since\"]");
    assertThat(props.get("founded").get("type").asText()).isEqualTo("string");
    assertThat(props.get("founded").get("description").asText()).contains("ISO-8601 date");
    assertThat(props.get("rivers").get("type").asText()).isEqualTo("array");
    assertThat(props.get("formerMayors").get("items").get("properties").has("since")).isTrue();
  }

  @Test
  void aNullWhereNoOptionalIsDeclaredIsNamedWithItsPath() {
    record Inner(String a) {}
    record Outer(String name, List<Inner> inner) {}
    script("{\"name\":\"x\",\"inner\":[{\"a\":\"ok\"},{\"a\":null}]}");
    assertThatThrownBy(() -> agent().run("Q?", Outer.class))
        .isInstanceOf(AnswerFormatException.class)
        .hasMessageContaining("field 'inner[1].a' is missing or null");
  }

  @Test
  void aClassWithoutPropertiesIsRefusedBeforeAnythingIsSpent() {
    assertThatThrownBy(() -> agent().run("Q?", Object.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a typed answer needs a record or a class with properties");
    assertThat(server.getRequestCount()).isZero();
  }

  private JsonNode schemaSent() throws Exception {
    server.takeRequest(1, TimeUnit.SECONDS);
    return body(server.takeRequest(1, TimeUnit.SECONDS))
        .get("response_format")
        .get("json_schema")
        .get("schema");
  }
}
