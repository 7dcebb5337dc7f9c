package dev.frugal.example.plugin;

import dev.frugal.core.tool.Tool;
import dev.frugal.core.tool.ToolProvider;
import java.time.Clock;
import java.util.List;

/**
 * The entry point Frugal finds through {@link java.util.ServiceLoader}: it is named in {@code
 * META-INF/services/dev.frugal.core.tool.ToolProvider} and has a public no-argument constructor.
 */
public final class ClockToolProvider implements ToolProvider {

  @Override
  public List<Tool> tools() {
    return List.of(new NowTool(Clock.systemUTC()));
  }
}
