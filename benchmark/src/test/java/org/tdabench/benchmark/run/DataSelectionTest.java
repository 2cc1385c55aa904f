package org.tdabench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PrepareOptions;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.procedural.ProceduralConfig;

class DataSelectionTest {
  @TempDir Path dir;

  PreparedDataset data() {
    return Datasets.open("procedural", PrepareOptions.defaults().withCache(dir)
        .withProcedural(ProceduralConfig.defaults().withResolution(8).withSizes(200, 60)));
  }

  @Test
  void aSeededClassStratifiedSampleOfTheChosenClasses() {
    PreparedDataset d = data();
    DataSelection s = DataSelection.of(d, 40, 12, List.of("1", d.classNames().get(3)), SeedTree.root(5));
    assertEquals(List.of(1, 3), s.classes());
    assertEquals(40, s.trainRows().length);
    assertEquals(12, s.testRows().length);
    Map<Integer, Integer> perClass = new TreeMap<>();
    for (int r : s.trainRows()) {
      perClass.merge(d.label(r), 1, Integer::sum);
    }
    assertEquals(Map.of(1, 20, 3, 20), perClass, "stratified: each kept class gets its share");
    assertTrue(Arrays.stream(s.trainRows()).allMatch(r -> d.split(r) == org.tdabench.datasets.Split.TRAIN));
    DataSelection again = DataSelection.of(d, 40, 12, List.of("1", "3"), SeedTree.root(5));
    assertArrayEquals(s.trainRows(), again.trainRows(), "the seed decides the sample");
    assertEquals(s.id(), again.id());
    assertNotEquals(s.id(), DataSelection.of(d, 40, 12, List.of("1", "3"), SeedTree.root(6)).id());
    DataSelection all = DataSelection.of(d, 0, 0, List.of(), SeedTree.root(5));
    assertEquals(200, all.trainRows().length, "0 keeps the whole split");
  }

  @Test
  void impossibleSelectionsFailWithOneLine() {
    PreparedDataset d = data();
    UserError e = assertThrows(UserError.class, () -> DataSelection.of(d, 10, 10, List.of("unicorn"), SeedTree.root(1)));
    assertTrue(e.getMessage().contains("class 'unicorn' does not exist") && e.getMessage().contains("choose among"),
        e.getMessage());
    UserError big = assertThrows(UserError.class, () -> DataSelection.of(d, 5000, 10, List.of(), SeedTree.root(1)));
    assertTrue(big.getMessage().contains("more than the 200 training images"), big.getMessage());
    assertFalse(big.getMessage().contains("\n"));
    BenchmarkPreset tiny = BenchmarkPresets.get("tiny");
    var model = org.tdabench.models.config.ModelPresets.get("tiny");
    UserError targets = assertThrows(UserError.class, () -> RunSizes.check(tiny, model, 64, 5, "x"));
    assertTrue(targets.getMessage().contains("test images"), targets.getMessage());
    UserError subsets = assertThrows(UserError.class, () -> RunSizes.check(tiny, model, 10, 100, "x"));
    assertTrue(subsets.getMessage().contains("smaller than a training batch"), subsets.getMessage());
  }
}
