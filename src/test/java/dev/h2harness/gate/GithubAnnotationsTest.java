package dev.h2harness.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Workflow command escaping as the GitHub Actions runner unescapes it (toolkit's command.ts). */
class GithubAnnotationsTest {
  @Test
  void messageEscapesPercentCarriageReturnAndLineFeed() {
    assertEquals("::error title=r::50%25 done%0D%0Anext: a, b",
        GithubAnnotations.error("r", "50% done\r\nnext: a, b"));
  }

  @Test
  void propertyAlsoEscapesColonAndComma() {
    assertEquals("::error title=a%3Ab%2Cc%25%0A::m", GithubAnnotations.error("a:b,c%\n", "m"));
  }
}
