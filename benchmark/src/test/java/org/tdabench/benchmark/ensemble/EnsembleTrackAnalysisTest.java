package org.tdabench.benchmark.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.report.CsvFiles;
import org.tdabench.benchmark.stats.Bootstrap;
import org.tdabench.core.CounterRng;

class EnsembleTrackAnalysisTest {
  static final int T = 12;
  static final int N = 80;

  /** A synthetic ground truth: heavy-tailed distances, losses partly aligned with them. */
  static EnsembleTrackAnalysis.GroundTruth truth() {
    CounterRng r = new CounterRng(5);
    double[][] dist = new double[T][N];
    double[][] loss = new double[T][N];
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < N; i++) {
        dist[t][i] = Math.exp(r.nextGaussian());
        loss[t][i] = 0.3 * dist[t][i] + r.nextGaussian();
      }
    }
    return new EnsembleTrackAnalysis.GroundTruth(dist, loss);
  }

  static float[][] randomScores(long seed) {
    CounterRng r = new CounterRng(seed);
    float[][] s = new float[T][N];
    for (float[] row : s) {
      for (int i = 0; i < N; i++) {
        row[i] = (float) r.nextDouble();
      }
    }
    return s;
  }

  static EnsembleTrackAnalysis analysis() {
    return new EnsembleTrackAnalysis(new Bootstrap.Config(500, 0.95), 5);
  }

  @Test
  void theExactInfluenceAsScoresGetsCorrelationOneAndFullRecall() {
    EnsembleTrackAnalysis.GroundTruth gt = truth();
    float[][] exact = new float[T][N];
    float[][] monotone = new float[T][N];
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < N; i++) {
        exact[t][i] = (float) gt.distance()[t][i];
        monotone[t][i] = (float) Math.log(gt.distance()[t][i]);
      }
    }
    Map<String, float[][]> scores = new LinkedHashMap<>();
    scores.put("oracle", exact);
    scores.put("random", randomScores(9));
    scores.put("log-oracle", monotone);
    EnsembleTrackAnalysis.Result r = analysis().analyse(gt, scores);
    assertEquals("random", r.methods().get(0).method(), "random first");
    for (String m : List.of("oracle", "log-oracle")) {
      EnsembleTrackAnalysis.MethodResult o = r.method(m);
      assertEquals(1.0, o.rhoDistance().value(), 1e-9, m);
      assertEquals(1.0, o.recall().value(), 1e-9, m);
      assertEquals("above random", o.verdict());
      assertTrue(o.vsRandom().lo() > 0.5);
      assertTrue(o.rhoLoss().value() > 0.1 && o.rhoLoss().value() < 0.9, "the loss ground truth is another truth");
    }
    EnsembleTrackAnalysis.MethodResult rnd = r.method("random");
    assertTrue(Math.abs(rnd.rhoDistance().value()) < 0.1, "random is near 0: " + rnd.rhoDistance());
    assertNull(rnd.vsRandom());
    assertEquals(T, r.targets());
    assertEquals(N, r.samples());
  }

  @Test
  void anotherRandomMethodDoesNotSeparateAndReversedScoresAreBelowRandom() {
    EnsembleTrackAnalysis.GroundTruth gt = truth();
    float[][] reversed = new float[T][N];
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < N; i++) {
        reversed[t][i] = (float) -gt.distance()[t][i];
      }
    }
    Map<String, float[][]> scores = new LinkedHashMap<>();
    scores.put("random", randomScores(9));
    scores.put("other-random", randomScores(10));
    scores.put("reversed", reversed);
    EnsembleTrackAnalysis.Result r = analysis().analyse(gt, scores);
    assertEquals("does not separate", r.method("other-random").verdict());
    assertEquals("below random", r.method("reversed").verdict());
    assertEquals(-1.0, r.method("reversed").rhoDistance().value(), 1e-9);
  }

  @Test
  void constantScoresAreCountedAsUndefinedNotAveragedAsZero() {
    EnsembleTrackAnalysis.GroundTruth gt = truth();
    float[][] half = randomScores(3);
    for (int t = 0; t < T / 2; t++) {
      java.util.Arrays.fill(half[t], 1f);
    }
    Map<String, float[][]> scores = new LinkedHashMap<>();
    scores.put("random", randomScores(9));
    scores.put("half-constant", half);
    EnsembleTrackAnalysis.MethodResult m = analysis().analyse(gt, scores).method("half-constant");
    assertEquals(T / 2, m.undefined());
    assertEquals(T / 2, m.rhoDistance().n(), "the mean is over the defined targets only");
  }

  @Test
  void theFirstOrderAgreementIsReportedForEncodedEnsembles() {
    EnsembleTrackAnalysis.GroundTruth gt = truth();
    float[][] fo = new float[T][N];
    for (int t = 0; t < T; t++) {
      for (int i = 0; i < N; i++) {
        fo[t][i] = (float) (2 * gt.distance()[t][i]);
      }
    }
    Map<String, float[][]> scores = new LinkedHashMap<>();
    scores.put("random", randomScores(9));
    scores.put(EnsembleTrackConfig.METHOD, fo);
    EnsembleTrackAnalysis.Result r = analysis().analyse(gt, scores);
    assertEquals(1.0, r.agreement().spearman().value(), 1e-9);
    assertEquals(1.0, r.agreement().pearson().value(), 1e-6);
    assertEquals(2.0, r.agreement().medianRatio(), 1e-5);
  }

  @Test
  void randomIsRequired() {
    Map<String, float[][]> scores = Map.of("pixel", randomScores(1));
    assertThrows(IllegalArgumentException.class, () -> analysis().analyse(truth(), scores));
  }

  @Test
  void csvHasOneRowPerMethodAndSkippedMethodsWithTheirReason(@TempDir Path dir) throws Exception {
    Map<String, float[][]> scores = new LinkedHashMap<>();
    scores.put("random", randomScores(9));
    scores.put("pixel", randomScores(4));
    EnsembleTrackAnalysis.Result r = analysis().analyse(truth(), scores);
    EnsembleTrackReport.Context c = new EnsembleTrackReport.Context(Map.of("random", "model-free", "pixel",
        "model-free", "mucs", "mean over members"), Map.of("random", 0.0, "pixel", 0.01),
        Map.of("mucs", "not on the track"), List.of("a note"), 12, 5);
    Path csv = dir.resolve("ensemble-track-x.csv");
    EnsembleTrackReport.writeCsv(csv, dir.resolve("per-target.csv"), r, c);
    List<String[]> rows = CsvFiles.read(csv);
    assertEquals(EnsembleTrackReport.HEADER, List.of(rows.get(0)));
    assertEquals(4, rows.size());
    assertEquals("mucs", rows.get(3)[0]);
    assertEquals("not on the track", rows.get(3)[rows.get(3).length - 1]);
    assertEquals(1 + 2 * T, CsvFiles.read(dir.resolve("per-target.csv")).size());
    String html = EnsembleTrackReport.html(r, c);
    assertTrue(html.contains("Not on this track: mucs") && html.contains("a note"));
    assertTrue(Files.size(csv) > 0);
  }
}
