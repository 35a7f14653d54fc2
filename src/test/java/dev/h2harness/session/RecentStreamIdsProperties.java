package dev.h2harness.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The ring of recent stream ids answers as a bounded first-in first-out set of the same ids would. */
class RecentStreamIdsProperties {
  @Property
  void remembersExactlyTheLastCapacityIds(@ForAll @IntRange(min = 1, max = 40) int capacity,
                                          @ForAll @Size(max = 100) List<@IntRange(min = 1, max = 5) Integer> gaps) {
    RecentStreamIds recent = new RecentStreamIds(capacity);
    ArrayDeque<Integer> model = new ArrayDeque<>();
    int id = 0;
    for (int gap : gaps) {
      id += gap;
      recent.add(id);
      model.addLast(id);
      if (model.size() > capacity) model.removeFirst();
      for (int probe = 0; probe <= id + 1; probe++) {
        assertEquals(model.contains(probe), recent.contains(probe), "id " + probe + " after adding " + model);
      }
    }
  }

  @Example
  void refusesAnIdThatIsNotAboveTheLast() {
    RecentStreamIds recent = new RecentStreamIds(4);
    recent.add(5);
    assertThrows(IllegalArgumentException.class, () -> recent.add(5));
    assertThrows(IllegalArgumentException.class, () -> recent.add(3));
    assertTrue(recent.contains(5));
    assertFalse(recent.contains(3));
  }
}
