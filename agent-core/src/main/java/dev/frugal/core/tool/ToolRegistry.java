package dev.frugal.core.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The tools an agent may call, by name. Immutable once built; safe to share between agents.
 *
 * <p>{@link #prepare(ToolExecutionRequest)} turns a model's tool request into a validated call and
 * its unit charge, or a clear rejection (unknown tool, arguments that are not JSON or do not match
 * the schema) that the engine shows the model as a tool error instead of failing the run.
 */
public final class ToolRegistry {
  private static final ObjectMapper JSON = ArgumentJson.MAPPER;

  private final Map<String, Tool> tools;
  private final List<String> names;
  private final List<Tool> sorted;
  private final List<ToolSpecification> specifications;
  private final List<PluginProblem> problems;

  private ToolRegistry(Builder b) {
    this.tools = Map.copyOf(b.tools);
    this.names = tools.keySet().stream().sorted().toList();
    this.sorted = names.stream().map(tools::get).toList();
    this.specifications = sorted.stream().map(Tool::specification).toList();
    this.problems = List.copyOf(b.problems);
  }

  /** Starts an empty registry. */
  public static Builder builder() {
    return new Builder();
  }

  /** A registry with no tools. */
  public static ToolRegistry empty() {
    return builder().build();
  }

  /** The tool named {@code name}, if registered. */
  public Optional<Tool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** Tool names, sorted. */
  public List<String> names() {
    return names;
  }

  /** Every tool, sorted by name. */
  public List<Tool> tools() {
    return sorted;
  }

  /** The specifications sent to the model, sorted by name. */
  public List<ToolSpecification> specifications() {
    return specifications;
  }

  /** True when no tool is registered. */
  public boolean isEmpty() {
    return tools.isEmpty();
  }

  /** Plug-ins that failed to load while building this registry (they were skipped). */
  public List<PluginProblem> pluginProblems() {
    return problems;
  }

  /** Validates a model's tool request: the tool exists and the arguments match its schema. */
  public Prepared prepare(ToolExecutionRequest request) {
    Tool tool = tools.get(request.name());
    if (tool == null) {
      return new Prepared.Rejected(
          "unknown tool '" + request.name() + "'; available tools: " + String.join(", ", names()));
    }
    String raw =
        request.arguments() == null || request.arguments().isBlank() ? "{}" : request.arguments();
    JsonNode args;
    try {
      args = JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      return new Prepared.Rejected(
          "arguments for '"
              + tool.name()
              + "' are not valid JSON ("
              + e.getOriginalMessage()
              + "); send a JSON object matching: "
              + ToolDescriptions.schemaSummary(tool));
    }
    List<String> problems = ArgumentValidator.validate(tool.specification().parameters(), args);
    if (!problems.isEmpty()) {
      return new Prepared.Rejected(
          "invalid arguments for '"
              + tool.name()
              + "': "
              + String.join("; ", problems)
              + ". Expected: "
              + ToolDescriptions.schemaSummary(tool));
    }
    long units = tool.unitRule().units(args);
    return new Prepared.Ready(tool, new ToolCall(request.id(), tool.name(), args), units);
  }

  /** The outcome of {@link #prepare}. */
  public sealed interface Prepared {
    /** A valid call, costing {@code units}. */
    record Ready(Tool tool, ToolCall call, long units) implements Prepared {}

    /** An invalid call; {@code message} says what was wrong and what would be valid. */
    record Rejected(String message) implements Prepared {}
  }

  /** A plug-in that could not be loaded: where it came from and why. */
  public record PluginProblem(String source, String message) {}

  /** Builds a {@link ToolRegistry}; a duplicate tool name is an error naming both. */
  public static final class Builder {
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final List<PluginProblem> problems = new ArrayList<>();

    private Builder() {}

    /** Adds one tool; a name already taken is an error naming both tools. */
    public Builder add(Tool tool) {
      java.util.Objects.requireNonNull(tool, "tool");
      String name = tool.name();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("tool " + tool.getClass().getName() + " has no name");
      }
      Tool prev = tools.putIfAbsent(name, tool);
      if (prev != null) {
        throw new IllegalArgumentException(
            "two tools are named '"
                + name
                + "': "
                + origin(prev)
                + " and "
                + origin(tool)
                + "; tool names must be unique");
      }
      return this;
    }

    private static String origin(Tool tool) {
      return tool instanceof AnnotatedTool a ? a.origin() : tool.getClass().getName();
    }

    /** Adds every tool of {@code all}. */
    public Builder addAll(Collection<? extends Tool> all) {
      all.forEach(this::add);
      return this;
    }

    /** Adds every LangChain4j {@code @Tool} method of {@code target}, one unit per call. */
    public Builder annotated(Object target) {
      return annotated(target, UnitRule.perCall());
    }

    /** Adds every LangChain4j {@code @Tool} method of {@code target}, charged by {@code rule}. */
    public Builder annotated(Object target, UnitRule rule) {
      return addAll(AnnotatedTool.from(target, rule));
    }

    /**
     * Loads every {@link ToolProvider} visible to {@code loader} through {@link ServiceLoader}. A
     * provider that fails to load or whose tools clash is skipped and recorded in {@link
     * ToolRegistry#pluginProblems()} with {@code source}; the others still load.
     */
    public Builder plugins(ClassLoader loader, String source) {
      Iterator<ToolProvider> it = ServiceLoader.load(ToolProvider.class, loader).iterator();
      while (true) {
        ToolProvider p;
        try {
          if (!it.hasNext()) break;
          p = it.next();
        } catch (ServiceConfigurationError | LinkageError e) {
          problems.add(new PluginProblem(source, describe(e)));
          continue;
        }
        try {
          List<Tool> provided = p.tools();
          for (Tool t : provided) {
            if (tools.containsKey(t.name())) {
              throw new IllegalArgumentException(
                  "a tool named '" + t.name() + "' is already registered");
            }
          }
          addAll(provided);
        } catch (RuntimeException | LinkageError e) {
          problems.add(new PluginProblem(source, p.getClass().getName() + ": " + describe(e)));
        }
      }
      return this;
    }

    /** Builds the registry. */
    public ToolRegistry build() {
      return new ToolRegistry(this);
    }

    private static String describe(Throwable e) {
      StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        sb.append(" (caused by ")
            .append(c.getClass().getSimpleName())
            .append(": ")
            .append(c.getMessage())
            .append(')');
      }
      return sb.toString();
    }
  }
}
