package dev.frugal.core.tool;

import java.util.List;

/**
 * The plug-in SPI: a jar lists its implementation in {@code
 * META-INF/services/dev.frugal.core.tool.ToolProvider} and {@link ToolRegistry.Builder#plugins}
 * loads it through {@link java.util.ServiceLoader}. Needs a public no-argument constructor.
 */
public interface ToolProvider {

  /** The tools this plug-in contributes. */
  List<Tool> tools();
}
