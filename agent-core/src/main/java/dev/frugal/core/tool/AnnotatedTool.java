package dev.frugal.core.tool;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Tool} backed by a LangChain4j {@code @Tool}-annotated method. The schema comes from
 * LangChain4j's {@link ToolSpecifications}; arguments are bound by parameter name (compile with
 * {@code -parameters}) and converted with Jackson. The return value's {@code toString()} is the
 * result (a {@code void} method's is empty); a thrown exception, or {@code null} from a method that
 * should return something, becomes a tool error, which is not charged.
 */
final class AnnotatedTool implements Tool {
  private static final ObjectMapper JSON = ArgumentJson.MAPPER;

  private final Object target;
  private final Method method;
  private final ToolSpecification spec;
  private final UnitRule unitRule;
  private final String[] names;
  private final JavaType[] types;

  private AnnotatedTool(Object target, Method method, UnitRule unitRule) {
    this.target = target;
    this.method = method;
    this.spec = ToolSpecifications.toolSpecificationFrom(method);
    this.unitRule = unitRule;
    Parameter[] params = method.getParameters();
    this.names = new String[params.length];
    this.types = new JavaType[params.length];
    for (int i = 0; i < params.length; i++) {
      names[i] = paramName(params[i]);
      types[i] = JSON.getTypeFactory().constructType(params[i].getParameterizedType());
    }
    method.setAccessible(true);
  }

  /** One tool per {@code @Tool} method of {@code target}, each charged by {@code unitRule}. */
  static List<Tool> from(Object target, UnitRule unitRule) {
    List<Tool> out = new ArrayList<>();
    for (Method m : target.getClass().getDeclaredMethods()) {
      if (m.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class)) {
        out.add(new AnnotatedTool(target, m, unitRule));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          target.getClass().getName()
              + " has no method annotated with @dev.langchain4j.agent.tool.Tool");
    }
    return out;
  }

  @Override
  public ToolSpecification specification() {
    return spec;
  }

  /** Where this tool comes from, e.g. {@code com.example.Calculator#add(double, double)}. */
  String origin() {
    StringBuilder sb =
        new StringBuilder(target.getClass().getName()).append('#').append(method.getName());
    sb.append('(');
    Class<?>[] params = method.getParameterTypes();
    for (int i = 0; i < params.length; i++) {
      if (i > 0) sb.append(", ");
      sb.append(params[i].getSimpleName());
    }
    return sb.append(')').toString();
  }

  @Override
  public UnitRule unitRule() {
    return unitRule;
  }

  @Override
  public ToolResult execute(ToolCall call) throws Exception {
    Object[] values = new Object[names.length];
    for (int i = 0; i < names.length; i++) {
      JsonNode n = call.arguments().get(names[i]);
      if (n == null || n.isNull()) {
        values[i] = null;
      } else if (types[i].getRawClass() == String.class && n.isTextual()) {
        values[i] = n.textValue();
      } else {
        values[i] = JSON.convertValue(n, types[i]);
      }
    }
    try {
      Object r = method.invoke(target, values);
      if (r == null && method.getReturnType() != void.class) {
        return ToolResult.error(
            "tool '" + name() + "' returned null instead of a result; the call was not charged");
      }
      return ToolResult.ok(r == null ? "" : r.toString());
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return ToolResult.error(
          "tool '"
              + name()
              + "' failed: "
              + cause.getClass().getSimpleName()
              + ": "
              + cause.getMessage());
    }
  }

  private static String paramName(Parameter p) {
    P ann = p.getAnnotation(P.class);
    if (ann != null && ann.name() != null && !ann.name().isBlank()) return ann.name();
    return p.getName();
  }
}
