package dev.frugal.examples.cli;

import java.util.ArrayList;
import java.util.List;

/** Splits comma-separated option values. */
final class Csv {
  private Csv() {}

  static List<String> strings(String s) {
    List<String> out = new ArrayList<>();
    for (String p : s.split(",")) {
      if (!p.isBlank()) out.add(p.trim());
    }
    return out;
  }

  static List<Integer> ints(String option, String s) {
    List<Integer> out = new ArrayList<>();
    for (String p : strings(s)) {
      try {
        out.add(Integer.parseInt(p));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            option
                + " takes comma-separated whole numbers such as 5,10,20; '"
                + p
                + "' is not one");
      }
    }
    return out;
  }
}
