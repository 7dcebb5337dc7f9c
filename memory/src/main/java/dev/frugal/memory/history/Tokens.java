package dev.frugal.memory.history;

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
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?])\\s+(?=[\"'\\p{Lu}\\p{N}])|\\s{2,}|\\n+");

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

  /** {@code text} cut into sentences (at . ! ? before a capital or digit, double spaces, lines). */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(text.strip())) {
      String t = s.strip();
      if (!t.isEmpty()) out.add(t);
    }
    return out;
  }
}
