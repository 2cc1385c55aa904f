package org.tdabench.datasets.procedural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.Hashing;
import org.tdabench.datasets.Datasets;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.TestData;
import org.tdabench.datasets.prepared.PreparedFormat;

class ProceduralTest {
  static final ProceduralConfig SMALL = ProceduralConfig.of(200, 40, 16, 0);

  @Test
  void sameSeedGivesIdenticalBytes(@TempDir Path a, @TempDir Path b) throws Exception {
    Path fa = Datasets.prepareProcedural(SMALL, a);
    Path fb = Datasets.prepare("procedural", TestData.options(b).withProcedural(SMALL).withThreads(1));
    assertEquals(fa.getFileName(), fb.getFileName());
    for (String f : List.of(PreparedFormat.IMAGES, PreparedFormat.COND, PreparedFormat.INDEX)) {
      assertArrayEquals(Files.readAllBytes(fa.resolve(f)), Files.readAllBytes(fb.resolve(f)), f);
    }
  }

  @Test
  void bytesArePinnedAcrossMachines(@TempDir Path a) throws Exception {
    // Regression pin: generation uses only CounterRng and StrictMath, so these bytes are the same on
    // every JVM and machine; a change here changes every stored result built on the default dataset.
    Path f = Datasets.prepareProcedural(ProceduralConfig.of(20, 10, 16, 0), a);
    assertEquals(PINNED_IMAGES_SHA256, Hashing.sha256Hex(f.resolve(PreparedFormat.IMAGES)));
  }

  static final String PINNED_IMAGES_SHA256 = "df2ea70f023d66823929511ae8e53b5ff8eeb1494d8da654896bb7d4c529a51a";

  @Test
  void anotherSeedGivesOtherImages(@TempDir Path a) {
    Path f0 = Datasets.prepareProcedural(SMALL, a);
    Path f1 = Datasets.prepareProcedural(SMALL.withSeed(1), a);
    assertNotEquals(f0, f1);
    try (PreparedDataset d0 = PreparedDataset.open(f0); PreparedDataset d1 = PreparedDataset.open(f1)) {
      int same = 0;
      for (int r = 0; r < d0.size(); r++) {
        same += Arrays.equals(d0.imageBytes(r), d1.imageBytes(r)) ? 1 : 0;
      }
      assertEquals(0, same);
    }
  }

  @Test
  void splitsLabelsAndLayout(@TempDir Path a) {
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepareProcedural(SMALL, a))) {
      assertEquals(240, d.size());
      assertEquals(200, d.count(Split.TRAIN));
      assertEquals(40, d.count(Split.TEST));
      assertEquals(16, d.resolution());
      assertEquals(3, d.channels());
      assertEquals(Shapes.NAMES, d.classNames());
      int[] counts = new int[10];
      for (int r : d.rows(Split.TRAIN)) {
        counts[d.label(r)]++;
        assertEquals(1f, d.cond(r)[d.label(r)]);
        assertEquals(Shapes.NAMES.get(d.label(r)), d.caption(r));
      }
      for (int c : counts) {
        assertTrue(c >= 15 && c <= 25, Arrays.toString(counts));
      }
      for (int r : d.rows(Split.TEST)) {
        assertEquals(-1, d.duplicateGroup(r));
        assertTrue(d.id(r) >= 200);
      }
      assertEquals("dense", d.manifest().images().layout());
      assertEquals(List.of(240L, 16L, 16L, 3L), d.manifest().images().shape());
    }
  }

  @Test
  void plantedDuplicatesAreEachOthersNearestNeighbours(@TempDir Path a) {
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepareProcedural(SMALL, a))) {
      int[] train = d.rows(Split.TRAIN);
      Map<Integer, List<Integer>> groups = new HashMap<>();
      for (int r : train) {
        if (d.duplicateGroup(r) >= 0) {
          groups.computeIfAbsent(d.duplicateGroup(r), k -> new ArrayList<>()).add(r);
        }
      }
      assertEquals(SMALL.effectiveDuplicateGroups(), groups.size());
      groups.values().forEach(g -> assertEquals(3, g.size()));
      List<Double> within = new ArrayList<>();
      for (List<Integer> g : groups.values()) {
        for (int r : g) {
          int best = -1;
          double bestD = Double.MAX_VALUE;
          for (int o : train) {
            if (o != r) {
              double dist = distance(d, r, o);
              if (dist < bestD) {
                bestD = dist;
                best = o;
              }
            }
          }
          assertEquals(d.duplicateGroup(r), d.duplicateGroup(best), "nearest neighbour of row " + r);
          assertEquals(d.label(r), d.label(best));
          within.add(bestD);
        }
      }
      // near-duplicates are much closer than typical pairs of images
      List<Double> between = new ArrayList<>();
      for (int i = 0; i + 1 < train.length; i += 2) {
        between.add(distance(d, train[i], train[i + 1]));
      }
      double maxWithin = within.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      double medianBetween = between.stream().sorted().toList().get(between.size() / 2);
      assertTrue(maxWithin * 4 < medianBetween, maxWithin + " vs " + medianBetween);
    }
  }

  @Test
  void resolutionChangesOnlyTheSampling(@TempDir Path a) {
    ProceduralConfig c32 = SMALL.withResolution(32);
    try (PreparedDataset d = PreparedDataset.open(Datasets.prepareProcedural(c32, a))) {
      assertEquals(32, d.resolution());
      assertEquals(32 * 32 * 3, d.imageBytes(0).length);
      assertFalse(Arrays.equals(new byte[32 * 32 * 3], d.imageBytes(0)));
    }
  }

  private static double distance(PreparedDataset d, int a, int b) {
    byte[] x = d.imageBytes(a);
    byte[] y = d.imageBytes(b);
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double t = (x[i] & 0xff) - (y[i] & 0xff);
      s += t * t;
    }
    return Math.sqrt(s);
  }
}
