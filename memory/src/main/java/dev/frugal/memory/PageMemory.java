package dev.frugal.memory;

import dev.frugal.core.budget.PriceTable;
import dev.frugal.core.intercept.ToolInterceptor;
import dev.frugal.core.tool.ToolResult;
import dev.frugal.memory.history.Document;
import dev.frugal.memory.history.Embedder;
import dev.frugal.memory.history.History;
import dev.frugal.memory.model.RunModelCaller;
import dev.frugal.memory.module.Axis;
import dev.frugal.memory.module.MemoryTier;
import dev.frugal.memory.module.Module;
import dev.frugal.memory.module.TierChooser;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Page memory in the agent loop: a tool interceptor that keeps every long page a tool returns (by
 * default the {@code open} tool) in a {@link Memory} and gives the agent, instead of the whole
 * text, a query-aware memory summary of it for the run's question, at the tiers a {@link
 * TierChooser} picks (fixed tiers or the tier router).
 *
 * <ul>
 *   <li>A page of at most {@link Builder#minChars} characters (default 6,000) passes unchanged, as
 *       do errors and other tools' results. Each page of a multi-URL {@code open} result is judged
 *       on its own.
 *   <li>The summary opens with a line saying it is a memory summary of page X at tier T and not the
 *       whole page; like every Summary of the pipeline it restates what the page says and never
 *       answers the question. The raw text is not handed out afterwards (re-opening the same URL in
 *       the run is answered with the same summary): the point is not to pay for it.
 *   <li>Money: the model-based tiers call the agent's model through the run's own metering ({@link
 *       RunModelCaller}: {@code chain.run().chat("page-memory", ..., chain.ledger())}), from a
 *       child of the ledger the {@code open} call was charged to; a tier whose worst case that
 *       ledger cannot hold is masked, a refused or failed model call falls back to the free
 *       rule-based module. Without a model ({@link Builder#model} not set) only free tiers run.
 * </ul>
 *
 * Thread-safe when its tier chooser is. {@link #kept()} lists the pages it summarised.
 */
public final class PageMemory implements ToolInterceptor {
  /** The purpose the trace shows for the memory's model calls. */
  public static final String PURPOSE = "page-memory";

  /** The default length above which a page is kept in memory. */
  public static final int DEFAULT_MIN_CHARS = 6_000;

  /**
   * The default chunk size for pages, in the memory's tokens (words and punctuation): 128, not the
   * 1,024 of document histories, because all-MiniLM-L6-v2 reads only the first 256 word pieces of a
   * text; a 256-token chunk of English is longer than that, and a sentence at its end is not in its
   * embedding at all (we saw the one relevant sentence of a 20,000-character page missed).
   */
  public static final int DEFAULT_CHUNK_TOKENS = 128;

  /**
   * One page kept in memory.
   *
   * @param title the page's title
   * @param pageChars the characters of the page's text
   * @param summaryChars the characters the agent read instead (the summary and its opening line)
   * @param tiers how the modules ran, e.g. {@code LOW} or {@code filter LOW, entity MID, ...}
   * @param usd what the memory's model calls for this page cost
   */
  public record Kept(String title, int pageChars, int summaryChars, String tiers, double usd) {}

  /** The source name the summary's evidence is listed under. */
  private static final String SOURCE = "this page";

  private final Set<String> tools;
  private final int minChars;
  private final TierChooser chooser;
  private final Axis axis;
  private final String model;
  private final PriceTable prices;
  private final int chunkTokens;
  private final Double perPageUsd;
  private final LocalDate date;
  private final Embedder embedder;
  private final List<Kept> kept = Collections.synchronizedList(new ArrayList<>());

  private PageMemory(Builder b) {
    this.tools = Set.copyOf(b.tools);
    this.minChars = b.minChars;
    this.chooser = b.chooser;
    this.axis = b.axis;
    this.model = b.model;
    this.prices = b.prices;
    this.chunkTokens = b.chunkTokens;
    this.perPageUsd = b.perPageUsd;
    this.date = b.date;
    this.embedder = b.embedder;
  }

  /** A builder: the {@code open} tool, pages over 6,000 characters, LOW tiers, no model. */
  public static Builder builder() {
    return new Builder();
  }

  /** The pages summarised so far, in order. */
  public List<Kept> kept() {
    synchronized (kept) {
      return List.copyOf(kept);
    }
  }

  @Override
  public ToolResult intercept(Chain chain) {
    ToolResult raw = chain.proceed(chain.invocation());
    if (raw.error()
        || raw.text().length() <= minChars
        || !tools.contains(chain.invocation().tool().name())) {
      return raw;
    }
    String untitled =
        "the result of " + chain.invocation().tool().name() + " " + shorten(chain.invocation());
    List<String> out = new ArrayList<>();
    boolean changed = false;
    for (PageBlock page : PageBlock.split(raw.text(), untitled)) {
      if (page.body().length() <= minChars) {
        out.add(page.original());
      } else {
        out.add(condense(page, chain));
        changed = true;
      }
    }
    return changed ? ToolResult.ok(PageBlock.join(out)) : raw;
  }

  private String condense(PageBlock page, Chain chain) {
    String question = chain.run().question();
    Memory.Builder mb =
        Memory.builder()
            // not the page's title (the summary's opening line names the page): the index
            // prefixes every chunk's embedded text with it, using up MiniLM's window for nothing
            .history(new History.Documents(List.of(new Document(SOURCE, page.body(), date))))
            .chunkTokens(chunkTokens)
            .axis(axis)
            .tiers(chooser);
    if (embedder != null) mb.embedder(embedder);
    if (model != null) mb.caller(new RunModelCaller(chain.run(), PURPOSE, model, prices));
    if (perPageUsd != null) mb.perQueryUsd(perPageUsd);
    Recall r;
    try {
      r = mb.build().recall(question, chain.ledger());
    } catch (RuntimeException e) {
      chain.run().note(PURPOSE, "page \"" + page.title() + "\" shown in full: " + e.getMessage());
      return page.original();
    }
    String tiers = describe(r.tiers());
    String text =
        page.header()
            + String.format(
                Locale.ROOT,
                "[PAGE MEMORY] This page has %,d characters%s. It was kept in memory and is NOT"
                    + " shown in full: below is a memory summary of page \"%s\" at tier %s, made"
                    + " for the question \"%s\". It restates what the page says about the"
                    + " question and does not answer it; parts of the page that do not bear on"
                    + " the question are left out, and the full text is not available. If"
                    + " something is missing, search for a more specific page.%n",
                page.body().length(),
                page.trailer().isEmpty() ? "" : " (" + page.trailer() + ")",
                page.title(),
                tiers,
                question)
            + r.summary()
            + "\n[end of the memory summary]";
    kept.add(new Kept(page.title(), page.body().length(), text.length(), tiers, r.usd()));
    chain
        .run()
        .note(
            PURPOSE,
            String.format(
                Locale.ROOT,
                "page \"%s\" (%,d characters) kept in memory; the agent read a summary of %,d"
                    + " characters at tier %s costing $%.6f",
                page.title(),
                page.body().length(),
                text.length(),
                tiers,
                r.usd()));
    return text;
  }

  /** {@code LOW} when every module ran at one tier, else each module's tier ({@code rules}). */
  static String describe(Map<Module, MemoryTier> tiers) {
    Set<MemoryTier> distinct = EnumSet.noneOf(MemoryTier.class);
    distinct.addAll(tiers.values());
    if (tiers.size() == Module.values().length && distinct.size() == 1) {
      return distinct.iterator().next().name();
    }
    List<String> parts = new ArrayList<>();
    for (Module m : Module.values()) {
      MemoryTier t = tiers.get(m);
      parts.add(m.name().toLowerCase(Locale.ROOT) + " " + (t == null ? "rules" : t.name()));
    }
    return String.join(", ", parts);
  }

  private static String shorten(dev.frugal.core.intercept.ToolInvocation inv) {
    String args = inv.rawArguments() == null ? "" : inv.rawArguments();
    return args.length() > 120 ? args.substring(0, 117) + "..." : args;
  }

  /** Builds a {@link PageMemory}. */
  public static final class Builder {
    private Set<String> tools = Set.of("open");
    private int minChars = DEFAULT_MIN_CHARS;
    private TierChooser chooser = TierChooser.fixed(MemoryTier.LOW);
    private Axis axis = Axis.IMPLEMENTATION;
    private String model;
    private PriceTable prices;
    private int chunkTokens = DEFAULT_CHUNK_TOKENS;
    private Double perPageUsd;
    private LocalDate date = LocalDate.now(ZoneOffset.UTC);
    private Embedder embedder;

    private Builder() {}

    /** The tools whose results are kept in memory when long; default {@code open}. */
    public Builder tools(String... names) {
      if (names.length == 0) throw new IllegalArgumentException("tools: name at least one tool");
      for (String n : names) {
        if (n == null || n.isBlank()) throw new IllegalArgumentException("tools: blank tool name");
      }
      this.tools = Set.of(names);
      return this;
    }

    /** Pages longer than this many characters are kept in memory; default 6,000. */
    public Builder minChars(int chars) {
      if (chars < 1) {
        throw new IllegalArgumentException("minChars must be at least 1 character, got " + chars);
      }
      this.minChars = chars;
      return this;
    }

    /** Fixed tiers ({@link TierChooser#fixed}) or a tier router; default all LOW ($0). */
    public Builder tiers(TierChooser chooser) {
      this.chooser = Objects.requireNonNull(chooser, "chooser");
      return this;
    }

    /** The axis of every module; default {@link Axis#IMPLEMENTATION} (LOW is free). */
    public Builder axis(Axis axis) {
      this.axis = Objects.requireNonNull(axis, "axis");
      return this;
    }

    /**
     * Lets the model-based tiers call the agent's model through the run's metering; {@code model}
     * is the name the agent's selector gives the call and {@code prices} must price it (for the
     * estimates that mask unaffordable tiers). Without it only free tiers run.
     */
    public Builder model(String model, PriceTable prices) {
      if (model == null || model.isBlank()) throw new IllegalArgumentException("model: blank name");
      Objects.requireNonNull(prices, "prices");
      if (!prices.prices(model) && prices.defaultModel().isEmpty()) {
        throw new IllegalArgumentException(
            "model '" + model + "' has no price; add it to the price table");
      }
      this.model = model;
      this.prices = prices;
      return this;
    }

    /** Tokens per chunk of a page; default 128 (see {@link #DEFAULT_CHUNK_TOKENS}). */
    public Builder chunkTokens(int tokens) {
      if (tokens < 16)
        throw new IllegalArgumentException("chunkTokens must be >= 16, got " + tokens);
      this.chunkTokens = tokens;
      return this;
    }

    /** A hard cap in dollars on what summarising one page may cost (tiers above it are masked). */
    public Builder perPageUsd(double usd) {
      if (!(usd >= 0) || Double.isInfinite(usd)) {
        throw new IllegalArgumentException("perPageUsd must be a finite amount >= 0, got " + usd);
      }
      this.perPageUsd = usd;
      return this;
    }

    /** The date relative expressions on pages are resolved against; default today (UTC). */
    public Builder date(LocalDate date) {
      this.date = Objects.requireNonNull(date, "date");
      return this;
    }

    /** The embedding model; default the shared all-MiniLM-L6-v2. */
    public Builder embedder(Embedder embedder) {
      this.embedder = Objects.requireNonNull(embedder, "embedder");
      return this;
    }

    /** The page memory. */
    public PageMemory build() {
      return new PageMemory(this);
    }
  }
}
