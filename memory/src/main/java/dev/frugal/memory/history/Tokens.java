package dev.frugal.memory.history;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text measured and split the way the memory counts it: a token is a run of letters or digits or
 * one punctuation mark, a close stand-in for sub-word tokenisers on English prose (within about
 * 20%), and free to compute.
 */
public final class Tokens {
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

  /** Where text breaks regardless of punctuation: line breaks and runs of two or more spaces. */
  private static final Pattern HARD_BREAK = Pattern.compile("\\s{2,}|\\n+");

  /** A last word after which a period does not end a sentence: a title or a lone initial. */
  private static final Pattern ABBREVIATION =
      Pattern.compile(
          "(?:^|[\\s(\"'])(?i:mr|mrs|ms|dr|prof|st|sr|jr|no|nos|vol|vs|etc|e\\.g|i\\.e|fig|op"
              + "|ch|pp|mt|ft|gen|col|lt|capt|sgt|rev|hon|inc|ltd|co|corp|jan|feb|mar|apr|jun|jul"
              + "|aug|sep|sept|oct|nov|dec)\\.$|(?:^|[\\s(\"'])[\\p{Lu}&&[^I]]\\.$");

  /** Common English words that carry no topic, for keyword matching. */
  public static final Set<String> STOPWORDS =
      Set.of(
          "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for",
          "with", "about", "as", "from", "into", "over", "after", "before", "is", "are", "was",
          "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had",
          "i", "you", "he", "she", "it", "we", "they", "me", "him", "her", "us", "them", "my",
          "your", "his", "its", "our", "their", "this", "that", "these", "those", "what", "which",
          "who", "whom", "whose", "when", "where", "why", "how", "not", "no", "so", "too", "very",
          "can", "could", "will", "would", "shall", "should", "may", "might", "must", "just",
          "also", "than", "then", "there", "here", "some", "any", "all", "more", "most", "such",
          "only", "own", "same", "other", "s", "t", "don", "really", "yeah", "oh", "hey", "wow",
          "got", "get", "like", "up", "out", "one", "im", "it's", "i'm", "that's", "ll", "ve", "re",
          "d", "m", "both", "each", "few", "many", "much", "again", "ever", "still");

  private Tokens() {}

  /** The number of tokens in {@code text}. */
  public static int count(String text) {
    int n = 0;
    Matcher m = TOKEN.matcher(text);
    while (m.find()) n++;
    return n;
  }

  /** The lower-cased words of {@code text}, stopwords included. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
    return out;
  }

  /** The lower-cased words of {@code text} that are not stopwords. */
  public static List<String> keywords(String text) {
    List<String> out = new ArrayList<>();
    for (String w : words(text)) if (!STOPWORDS.contains(w)) out.add(w);
    return out;
  }

  /**
   * {@code text} cut into sentences by {@link BreakIterator#getSentenceInstance(Locale)} (English
   * rules: a decimal such as 3.5 or a quoted sentence's closing quote stays with its sentence),
   * after a title or a lone initial ("No. 1", "Dr. Smith", "J. S. Bach") or before a lower-case
   * word ("'Why?' he asked") the sentence goes on, and line breaks and runs of spaces always break.
   */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String part : HARD_BREAK.split(text.strip())) {
      BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
      it.setText(part);
      StringBuilder pending = new StringBuilder();
      int first = out.size(); // sentences of this part start here
      int start = it.first();
      for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
        pending.append(part, start, end);
        String sentence = pending.toString().strip();
        if (sentence.isEmpty()) continue;
        if (ABBREVIATION.matcher(sentence).find() && end < part.length()) continue;
        if (first < out.size() && Character.isLowerCase(sentence.charAt(0))) {
          // "'Why?' he asked.": a sentence does not start in lower case; it goes on
          out.set(out.size() - 1, out.get(out.size() - 1) + " " + sentence);
        } else {
          out.add(sentence);
        }
        pending.setLength(0);
      }
      String rest = pending.toString().strip();
      if (!rest.isEmpty()) out.add(rest);
    }
    return out;
  }
}
