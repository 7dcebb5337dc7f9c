package dev.frugal.example.plugin;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolCall;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * {@code now}: today's date and the time in a time zone, which a model cannot know by itself. It
 * costs nothing ({@link UnitRule#free()}), so it never uses up a budget.
 */
final class NowTool implements Tool {
  private static final ToolSpecification SPEC =
      ToolSpecification.builder()
          .name("now")
          .description("Today's date and the current time, in UTC or a given time zone.")
          .parameters(
              JsonObjectSchema.builder()
                  .addProperty(
                      "zone",
                      JsonStringSchema.builder()
                          .description("an IANA time zone such as Europe/Paris; UTC when absent")
                          .build())
                  .build())
          .build();

  private final Clock clock;

  NowTool(Clock clock) {
    this.clock = clock;
  }

  @Override
  public ToolSpecification specification() {
    return SPEC;
  }

  @Override
  public UnitRule unitRule() {
    return UnitRule.free();
  }

  @Override
  public ToolResult execute(ToolCall call) {
    String zone = call.string("zone");
    ZoneId id;
    try {
      id = zone == null || zone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(zone.strip());
    } catch (DateTimeException e) {
      // A tool error the model can fix: say what was wrong and what would be valid.
      return ToolResult.error(
          "unknown time zone '" + zone + "'; use an IANA name such as UTC or America/New_York");
    }
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(id));
    return ToolResult.ok(now.format(DateTimeFormatter.RFC_1123_DATE_TIME) + " (" + id + ")");
  }
}
