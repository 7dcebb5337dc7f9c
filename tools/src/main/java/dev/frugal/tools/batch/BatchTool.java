package dev.frugal.tools.batch;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.UnitRule;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.Objects;

/**
 * A tool of the batch shape: its specification is fixed when it is made, and it is charged one
 * {@code unit} per element of the array parameter {@code param} ({@link UnitRule#perElement}).
 * Subclasses supply only {@link #execute}.
 */
public abstract class BatchTool implements Tool {
  private final ToolSpecification specification;
  private final String param;
  private final String unit;

  /**
   * @param specification what the model sees, usually from {@link BatchSpecification#of}
   * @param param the array parameter whose elements are counted
   * @param unit the unit each element costs, e.g. {@code Query}
   */
  protected BatchTool(ToolSpecification specification, String param, String unit) {
    this.specification = Objects.requireNonNull(specification, "specification");
    this.param = Objects.requireNonNull(param, "param");
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  @Override
  public final ToolSpecification specification() {
    return specification;
  }

  @Override
  public final UnitRule unitRule() {
    return UnitRule.perElement(param, unit);
  }
}
