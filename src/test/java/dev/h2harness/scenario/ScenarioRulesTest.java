package dev.h2harness.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.h2harness.check.RuleId;
import dev.h2harness.check.Rules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A saved report's rule ids read back: each known id to its constant, any other kept as written. */
class ScenarioRulesTest {
  @Test void everyIdIsOneConstantAcrossBothEnums() {
    List<RuleId> all = new ArrayList<>(List.of(Rules.values()));
    all.addAll(List.of(ScenarioRules.values()));
    assertEquals(all.size(), new HashSet<>(all.stream().map(RuleId::id).toList()).size(), all.toString());
    for (RuleId r : all) assertSame(r, ScenarioRules.parse(r.id()));
  }

  @Test void knownIdsKeepTheirWrittenForm() {
    assertSame(Rules.DATA_PADDING_NONZERO, ScenarioRules.parse("data.padding.nonzero"));
    assertSame(ScenarioRules.OUTCOME_NONE, ScenarioRules.parse("outcome.none"));
    assertEquals("data.padding.nonzero", Rules.DATA_PADDING_NONZERO.toString());
  }

  @Test void anIdFromAnotherVersionIsKeptAsWritten() {
    RuleId r = ScenarioRules.parse("frame.some-future-rule");
    assertEquals(new RuleId.Unknown("frame.some-future-rule"), r);
    assertEquals("frame.some-future-rule", r.id());
  }
}
