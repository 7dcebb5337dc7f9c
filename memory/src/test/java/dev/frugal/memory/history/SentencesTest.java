package dev.frugal.memory.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link Tokens#sentences}: abbreviations, decimals, initials, quotes and line breaks. */
class SentencesTest {
  @Test
  void aNumberedTitleStaysOneSentence() {
    assertThat(Tokens.sentences("She played Chopin's Ballade No. 1. It was her first recital."))
        .containsExactly("She played Chopin's Ballade No. 1.", "It was her first recital.");
  }

  @Test
  void titlesBeforeNamesDoNotEndASentence() {
    assertThat(Tokens.sentences("Dr. Smith met Mr. Jones at St. Paul's. They talked."))
        .containsExactly("Dr. Smith met Mr. Jones at St. Paul's.", "They talked.");
  }

  @Test
  void decimalsStayWhole() {
    assertThat(Tokens.sentences("The rate rose to 3.5 percent in 2019. Then it fell to 2.25."))
        .containsExactly("The rate rose to 3.5 percent in 2019.", "Then it fell to 2.25.");
  }

  @Test
  void initialsStayWithTheName() {
    assertThat(Tokens.sentences("J. S. Bach wrote it in 1722. Nobody doubts it."))
        .containsExactly("J. S. Bach wrote it in 1722.", "Nobody doubts it.");
  }

  @Test
  void aClosingQuoteStaysWithItsSentence() {
    assertThat(Tokens.sentences("He said \"I will come.\" She left. 'Why?' he asked."))
        .containsExactly("He said \"I will come.\"", "She left.", "'Why?' he asked.");
  }

  @Test
  void linesAlwaysBreakAndAPronounIIsNotAnInitial() {
    assertThat(Tokens.sentences("So did I. Then we went home.\nA new line"))
        .containsExactly("So did I.", "Then we went home.", "A new line");
  }
}
