package dev.frugal.router.policy;

import ai.djl.MalformedModelException;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the project's DJL networks share besides training ({@link AdamSteps}): the ReLU trunk they
 * are built on, and their files: a folder (or class-path prefix) with {@code policy.json} (format,
 * version, {@link FeatureSchema}, actions, hidden sizes, notes) and {@code policy.params} (DJL's
 * parameter stream). Each network names its own format and what it is called in messages.
 */
final class NetworkFiles {
  static final String META = "policy.json";
  static final String PARAMS = "policy.params";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NetworkFiles() {}

  /** The layout of {@code policy.json}. */
  static final class Header {
    public String format;
    public int formatVersion;
    public FeatureSchema schema;
    public List<String> actions;
    public List<Integer> hidden;
    public Map<String, Object> notes;
  }

  /** Where a saved network is read from: a name for messages and a way to open its two files. */
  record Source(String where, Function<String, InputStream> open) {}

  /** A sequential block with a ReLU layer per {@code hidden} size, for the caller's head(s). */
  static SequentialBlock trunk(List<Integer> hidden) {
    SequentialBlock block = new SequentialBlock();
    for (int units : hidden) {
      block.add(Linear.builder().setUnits(units).build());
      block.add(Activation::relu);
    }
    return block;
  }

  /** Writes the two files of a network into {@code dir} (created if missing). */
  static void save(
      Path dir,
      String format,
      int formatVersion,
      FeatureSchema schema,
      List<String> actions,
      List<Integer> hidden,
      Map<String, Object> notes,
      Block block,
      String what) {
    try {
      Files.createDirectories(dir);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("format", format);
      meta.put("formatVersion", formatVersion);
      meta.put("schema", schema);
      meta.put("actions", actions);
      meta.put("hidden", hidden);
      meta.put("notes", notes == null ? Map.of() : notes);
      JSON.writeValue(dir.resolve(META).toFile(), meta);
      try (DataOutputStream out =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(dir.resolve(PARAMS))))) {
        block.saveParameters(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot save the " + what + " to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A saved folder, or a clear error naming what is missing and what writes it. */
  static Source folder(Path dir, String missing) {
    if (!Files.isRegularFile(dir.resolve(META)) || !Files.isRegularFile(dir.resolve(PARAMS))) {
      throw new IllegalArgumentException(missing);
    }
    return new Source(
        dir.toString(),
        name -> {
          try {
            return Files.newInputStream(dir.resolve(name));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Class-path resources {@code prefix/policy.*}, or a clear error saying none is there. */
  static Source resource(Class<?> anchor, String prefix, String what) {
    String base = prefix.endsWith("/") ? prefix : prefix + "/";
    if (anchor.getResource(base + META) == null) {
      throw new IllegalArgumentException(
          "no " + what + " resource " + base + META + " on the class path of " + anchor.getName());
    }
    return new Source("resource " + base, name -> anchor.getResourceAsStream(base + name));
  }

  /**
   * Reads and checks {@code policy.json}: the format and version must be {@code format} / {@code
   * formatVersion}, the schema {@code expected}.
   *
   * @throws PolicySchemaException when it was trained on another schema
   */
  static Header header(
      Source from, String format, int formatVersion, FeatureSchema expected, String what) {
    Header saved;
    try (InputStream in = from.open().apply(META)) {
      saved = JSON.readValue(in, Header.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + META + " of the " + what + " in " + from.where() + ": " + e.getMessage(),
          e);
    }
    if (!format.equals(saved.format) || saved.formatVersion != formatVersion) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " in "
              + from.where()
              + " has format "
              + saved.format
              + " version "
              + saved.formatVersion
              + "; this code reads "
              + format
              + " version "
              + formatVersion);
    }
    if (!expected.equals(saved.schema)) {
      throw new PolicySchemaException(PolicyNetwork.mismatch(from.where(), saved.schema, expected));
    }
    return saved;
  }

  /**
   * Reads {@code policy.params} into {@code block}; on failure runs {@code discard} (closing the
   * half-built network) and throws.
   */
  static void parameters(
      Source from, Block block, ai.djl.ndarray.NDManager manager, Runnable discard, String what) {
    try (InputStream raw = from.open().apply(PARAMS);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
      block.loadParameters(manager, in);
    } catch (IOException | MalformedModelException e) {
      discard.run();
      throw new IllegalArgumentException(
          "cannot read "
              + PARAMS
              + " of the "
              + what
              + " in "
              + from.where()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The notes of a saved network (how it was trained). */
  static Map<String, Object> notes(Path dir) {
    try {
      Map<?, ?> meta = JSON.readValue(dir.resolve(META).toFile(), Map.class);
      Object notes = meta.get("notes");
      Map<String, Object> out = new LinkedHashMap<>();
      if (notes instanceof Map<?, ?> n) n.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(META) + ": " + e.getMessage(), e);
    }
  }
}
