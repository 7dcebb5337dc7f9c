package dev.frugal.tools.batch;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/**
 * The specification of a batch tool: one required parameter, an array of strings, each element of
 * which is one unit of work (a query, an id, a URL). The corpus and web {@code search} and {@code
 * open} tools all have this shape.
 */
public final class BatchSpecification {
  private BatchSpecification() {}

  /**
   * A specification named {@code name} and described by {@code description}, whose only property,
   * {@code param}, is a required array of strings described by {@code paramDescription}.
   */
  public static ToolSpecification of(
      String name, String description, String param, String paramDescription) {
    return ToolSpecification.builder()
        .name(name)
        .description(description)
        .parameters(
            JsonObjectSchema.builder()
                .addProperty(
                    param,
                    JsonArraySchema.builder()
                        .items(new JsonStringSchema())
                        .description(paramDescription)
                        .build())
                .required(param)
                .build())
        .build();
  }
}
