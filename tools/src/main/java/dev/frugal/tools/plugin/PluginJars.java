package dev.frugal.tools.plugin;

import dev.frugal.core.tool.ToolProvider;
import dev.frugal.core.tool.ToolRegistry;
import dev.frugal.core.tool.ToolRegistry.PluginProblem;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The plug-in jars of one folder, each in its own {@link URLClassLoader} whose parent is the loader
 * of Frugal's own classes (so plug-ins share the {@link ToolProvider} SPI and LangChain4j types but
 * not each other's classes).
 *
 * <p>Every {@code *.jar} directly in the folder is considered, in name order. A jar that cannot be
 * read, or that declares no {@code META-INF/services/dev.frugal.core.tool.ToolProvider}, is
 * reported in {@link #problems()} and skipped. A provider that fails to load or whose tools clash
 * with a tool already registered is reported by the registry ({@link
 * ToolRegistry#pluginProblems()}) with the jar's name. Either way the other jars still load; {@link
 * #allProblems(ToolRegistry)} gathers both kinds.
 *
 * <p>Close it when the tools are no longer used: closing releases the jars.
 */
public final class PluginJars implements AutoCloseable {
  static final String SERVICE_ENTRY = "META-INF/services/" + ToolProvider.class.getName();

  private final Path folder;
  private final List<Jar> jars;
  private final List<PluginProblem> problems;

  /** A jar accepted for loading. */
  private record Jar(Path path, URLClassLoader loader) {}

  private PluginJars(Path folder, List<Jar> jars, List<PluginProblem> problems) {
    this.folder = folder;
    this.jars = List.copyOf(jars);
    this.problems = List.copyOf(problems);
  }

  /**
   * Opens every jar in {@code folder}; an error when the folder does not exist or is not a folder.
   */
  public static PluginJars scan(Path folder) {
    if (folder == null || !Files.isDirectory(folder)) {
      throw new IllegalArgumentException(
          "plug-in folder "
              + folder
              + " does not exist or is not a folder; pass a folder that holds plug-in jars");
    }
    List<Path> paths;
    try (Stream<Path> s = Files.list(folder)) {
      paths =
          s.filter(p -> p.getFileName().toString().endsWith(".jar"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot list the plug-in folder " + folder + ": " + e.getMessage(), e);
    }
    List<Jar> jars = new ArrayList<>();
    List<PluginProblem> problems = new ArrayList<>();
    ClassLoader parent = ToolProvider.class.getClassLoader();
    for (Path p : paths) {
      String name = p.getFileName().toString();
      try (JarFile jar = new JarFile(p.toFile())) {
        if (jar.getEntry(SERVICE_ENTRY) == null) {
          problems.add(
              new PluginProblem(
                  name, "declares no tool provider: it has no " + SERVICE_ENTRY + " entry"));
          continue;
        }
      } catch (IOException | SecurityException e) {
        problems.add(new PluginProblem(name, "is not a readable jar: " + e.getMessage()));
        continue;
      }
      try {
        URL url = p.toUri().toURL();
        jars.add(new Jar(p, new URLClassLoader("plugin:" + name, new URL[] {url}, parent)));
      } catch (MalformedURLException e) {
        problems.add(new PluginProblem(name, "has a path that is not a URL: " + e.getMessage()));
      }
    }
    return new PluginJars(folder, jars, problems);
  }

  /** Loads the tools of every accepted jar into {@code registry}, each under its jar's name. */
  public ToolRegistry.Builder addTo(ToolRegistry.Builder registry) {
    for (Jar j : jars) registry.plugins(j.loader(), j.path().getFileName().toString());
    return registry;
  }

  /** The folder scanned. */
  public Path folder() {
    return folder;
  }

  /** The jars accepted for loading, in name order. */
  public List<Path> jars() {
    return jars.stream().map(Jar::path).toList();
  }

  /** Jars skipped because they could not be read or declare no provider. */
  public List<PluginProblem> problems() {
    return problems;
  }

  /** This scan's problems followed by those {@code registry} met while loading providers. */
  public List<PluginProblem> allProblems(ToolRegistry registry) {
    List<PluginProblem> all = new ArrayList<>(problems);
    all.addAll(registry.pluginProblems());
    return all;
  }

  /** Which plug-in jar a tool of {@code registry} came from, or null for a built-in tool. */
  public String sourceOf(dev.frugal.core.tool.Tool tool) {
    ClassLoader l = tool.getClass().getClassLoader();
    for (Jar j : jars) if (j.loader() == l) return j.path().getFileName().toString();
    return null;
  }

  @Override
  public void close() {
    for (Jar j : jars) {
      try {
        j.loader().close();
      } catch (IOException e) {
        // Closing only releases file handles; a failure here loses nothing the caller could use.
      }
    }
  }
}
