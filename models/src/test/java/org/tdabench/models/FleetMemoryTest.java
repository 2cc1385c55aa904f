package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tdabench.models.config.ModelPreset;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.train.FleetMemory;

class FleetMemoryTest {
  @Test
  void aFleetOverTheBudgetIsSplitIntoBalancedFleetsThatFit() {
    ModelPreset small = ModelPresets.get("small");
    long one = FleetMemory.estimateBytes(small.spec(), small.train(), 64, 1);
    long four = FleetMemory.estimateBytes(small.spec(), small.train(), 64, 4);
    assertTrue(four > one, "more models need more memory");
    assertEquals(4, FleetMemory.maxModels(small.spec(), small.train(), 64, four));
    assertEquals(3, FleetMemory.maxModels(small.spec(), small.train(), 64, four - 1));
    // A budget below one model still trains one at a time.
    assertEquals(1, FleetMemory.maxModels(small.spec(), small.train(), 64, 1));
    assertEquals(List.of(3, 2), FleetMemory.split(5, 4));
    assertEquals(List.of(4, 4), FleetMemory.split(8, 4));
    assertEquals(List.of(1, 1, 1), FleetMemory.split(3, 1));
    assertEquals(List.of(7), FleetMemory.split(7, 16));
    // The paper presets' models are far larger than the small preset's.
    ModelPreset paper = ModelPresets.get("paper-cifar10");
    assertTrue(FleetMemory.estimateBytes(paper.spec(), paper.train(), 64, 1) > 10 * one);
  }
}
