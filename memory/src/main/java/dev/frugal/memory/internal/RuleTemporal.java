package dev.frugal.memory.internal;

import dev.frugal.memory.module.DateMention;
import dev.frugal.memory.module.Evidence;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LOW-tier Temporal extractor: rule-based date normalisation. Absolute dates ("8 May 2023",
 * "May 8, 2023", "2023-05-08", "May 2023", "in 2019") are read as written (a missing year is the
 * session's); relative ones ("yesterday", "last week", "two days ago", "last Saturday", "next
 * month", "last weekend") are resolved against the evidence's session or document date. A day
 * resolves to {@code yyyy-MM-dd}, a week to {@code week of yyyy-MM-dd} (its Monday), a month to
 * {@code yyyy-MM}, a year to {@code yyyy}.
 */
public final class RuleTemporal {
  private static final String MONTHS =
      "(january|february|march|april|may|june|july|august|september|october|november|december"
          + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)";
  private static final String DAYS = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
  private static final String NUMBER =
      "(\\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a"
          + " few)";
  private static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("eight", 8),
          Map.entry("nine", 9),
          Map.entry("ten", 10),
          Map.entry("eleven", 11),
          Map.entry("twelve", 12),
          Map.entry("a couple of", 2),
          Map.entry("a few", 3));

  private static final List<Rule> RULES =
      List.of(
          new Rule("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b", (m, d) -> day(m, 1, 2, 3)),
          new Rule(
              "\\b(\\d{1,2})(?:st|nd|rd|th)?(?: of)? " + MONTHS + ",? (\\d{4})\\b",
              (m, d) -> ymd(Integer.parseInt(m.group(3)), month(m.group(2)), m.group(1))),
          new Rule(
              "\\b" + MONTHS + " (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b",
              (m, d) -> ymd(Integer.parseInt(m.group(3)), month(m.group(1)), m.group(2))),
          new Rule(
              "\\b(\\d{1,2})(?:st|nd|rd|th)? of " + MONTHS + "\\b",
              (m, d) -> ymd(d.getYear(), month(m.group(2)), m.group(1))),
          new Rule(
              "\\b" + MONTHS + " (\\d{1,2})(?:st|nd|rd|th)?\\b(?!,? \\d{4})(?!:)",
              (m, d) -> ymd(d.getYear(), month(m.group(1)), m.group(2))),
          new Rule(
              "\\b" + MONTHS + ",? (\\d{4})\\b",
              (m, d) -> String.format("%d-%02d", Integer.parseInt(m.group(2)), month(m.group(1)))),
          new Rule("\\bthe day before yesterday\\b", (m, d) -> d.minusDays(2).toString()),
          new Rule("\\byesterday\\b", (m, d) -> d.minusDays(1).toString()),
          new Rule("\\b(today|tonight|this morning|this evening)\\b", (m, d) -> d.toString()),
          new Rule("\\btomorrow\\b", (m, d) -> d.plusDays(1).toString()),
          new Rule(
              "\\b" + NUMBER + " (day|week|month|year)s? ago\\b",
              (m, d) -> ago(d, count(m.group(1)), m.group(2))),
          new Rule(
              "\\b(last|this|next) (week|month|year)\\b",
              (m, d) -> {
                int step = shift(m.group(1));
                return switch (m.group(2)) {
                  case "week" -> week(d.plusWeeks(step));
                  case "month" -> d.plusMonths(step).toString().substring(0, 7);
                  default -> String.valueOf(d.getYear() + step);
                };
              }),
          new Rule(
              "\\b(last|this|next|past) weekend\\b",
              (m, d) -> {
                LocalDate sat = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                sat = sat.plusDays(5).plusWeeks(m.group(1).equals("next") ? 1 : 0);
                if (m.group(1).equals("last") || m.group(1).equals("past")) sat = sat.minusWeeks(1);
                return sat.toString();
              }),
          new Rule(
              "\\b(last|next|this|on) " + DAYS + "\\b",
              (m, d) -> {
                DayOfWeek w = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
                return switch (m.group(1)) {
                  case "next" -> d.with(TemporalAdjusters.next(w)).toString();
                  case "this" -> d.with(TemporalAdjusters.nextOrSame(w)).toString();
                  default -> d.with(TemporalAdjusters.previous(w)).toString();
                };
              }),
          new Rule("\\b(?:in|since|of|by) ((?:19|20)\\d{2})\\b", (m, d) -> m.group(1)));

  /**
   * The date expressions of {@code evidence}, resolved against each sentence's date, each
   * (expression, resolution) once, in order of appearance.
   */
  public List<DateMention> extract(List<Evidence> evidence) {
    List<DateMention> out = new ArrayList<>();
    for (Evidence e : evidence) {
      String text = e.sentence().toLowerCase(Locale.ROOT);
      boolean[] used = new boolean[text.length()];
      for (Rule r : RULES) {
        Matcher m = r.pattern.matcher(text);
        while (m.find()) {
          if (overlaps(used, m.start(), m.end())) continue;
          String resolved;
          try {
            resolved = r.resolve.apply(m, e.date());
          } catch (RuntimeException invalid) {
            continue; // "February 31": not a date
          }
          if (resolved == null) continue;
          for (int i = m.start(); i < m.end(); i++) used[i] = true;
          String expr = e.sentence().substring(m.start(), m.end());
          DateMention dm = new DateMention(expr, resolved, e.source());
          if (out.stream()
              .noneMatch(
                  x -> x.expression().equalsIgnoreCase(expr) && x.resolved().equals(resolved))) {
            out.add(dm);
          }
        }
      }
    }
    return out;
  }

  /** {@code date} written the way the summary shows session dates ("8 May 2023"). */
  public static String spoken(LocalDate date) {
    return date.getDayOfMonth()
        + " "
        + date.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)
        + " "
        + date.getYear();
  }

  private static boolean overlaps(boolean[] used, int from, int to) {
    for (int i = from; i < to; i++) if (used[i]) return true;
    return false;
  }

  private static int shift(String word) {
    return switch (word) {
      case "last" -> -1;
      case "next" -> 1;
      default -> 0;
    };
  }

  private static int count(String n) {
    Integer word = NUMBERS.get(n);
    return word != null ? word : Integer.parseInt(n);
  }

  private static String ago(LocalDate d, int n, String unit) {
    return switch (unit) {
      case "day" -> d.minusDays(n).toString();
      case "week" -> week(d.minusWeeks(n));
      case "month" -> d.minusMonths(n).toString().substring(0, 7);
      default -> String.valueOf(d.getYear() - n);
    };
  }

  private static String week(LocalDate d) {
    return "week of " + d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static String day(Matcher m, int y, int mo, int d) {
    return LocalDate.of(
            Integer.parseInt(m.group(y)),
            Integer.parseInt(m.group(mo)),
            Integer.parseInt(m.group(d)))
        .toString();
  }

  private static String ymd(int year, int month, String day) {
    return LocalDate.of(year, month, Integer.parseInt(day)).toString();
  }

  private static int month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Month m : Month.values()) {
      if (m.name().toLowerCase(Locale.ROOT).startsWith(n.substring(0, 3))) return m.getValue();
    }
    throw new IllegalArgumentException("not a month: " + name);
  }

  private record Rule(
      Pattern pattern, java.util.function.BiFunction<Matcher, LocalDate, String> resolve) {
    Rule(String regex, java.util.function.BiFunction<Matcher, LocalDate, String> resolve) {
      this(Pattern.compile(regex), resolve);
    }
  }
}
