package dev.h2harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCommandTest {
  @Test
  void listsIdSectionAndRequirementFilteredLikeOnly() {
    CliRun r = CliRun.of("list", "--only", "rfc9113/6.7/");
    assertEquals(0, r.code(), r.err());
    List<String> lines = Arrays.asList(r.out().split("\n"));
    assertEquals(4, lines.size(), r.out());
    for (String line : lines) {
      String[] cols = line.split("\t");
      assertEquals(3, cols.length, line);
      assertTrue(cols[0].startsWith("rfc9113/6.7/"), line);
      assertEquals("RFC 9113 §6.7", cols[1]);
    }
    assertTrue(r.out().contains("rfc9113/6.7/ping-bad-length\tRFC 9113 §6.7\tReceipt of a PING frame with a length field value other than 8 MUST"), r.out());
  }

  @Test
  void globsAndExactIdsWorkAsInCheck() {
    assertEquals(1, CliRun.of("list", "--only", "rfc9113/6.7/ping").out().split("\n").length);
    CliRun glob = CliRun.of("list", "--only", "security/*flood");
    assertEquals(0, glob.code());
    assertTrue(glob.out().lines().allMatch(l -> l.startsWith("security/") && l.split("\t")[0].endsWith("flood")), glob.out());
    assertTrue(glob.out().contains("CVE-2019-9512"), glob.out());
  }

  @Test
  void anOnlyThatMatchesNothingIsAUsageError() {
    CliRun r = CliRun.of("list", "--only", "rfc9113/99/");
    assertEquals(2, r.code());
    assertEquals("h2harness list: --only rfc9113/99/ matches no scenario (give an id, a prefix ending in /, or a glob)", r.err().strip());
  }
}
