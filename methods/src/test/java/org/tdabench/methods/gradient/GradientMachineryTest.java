package org.tdabench.methods.gradient;

import org.tdabench.models.TinyModels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.methods.TestTasks;
import org.tdabench.methods.api.ProgressSink;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.OutputFunction;
import org.tdabench.models.ProbeSet;
import org.tdabench.models.nn.ParamTable;

/** The shared machinery: streamed projection, Johnson-Lindenstrauss, kernel solves, top-k. */
@Tag("numerics")
class GradientMachineryTest {
  @TempDir
  Path dir;

  private static ImageRows rows(int from, int count) {
    ImageRows all = ImageRows.of(TestTasks.trainSet());
    int d = all.imageSize();
    int cd = all.condDim();
    float[] x = new float[count * d];
    float[] y = new float[count * cd];
    all.read(from, count, x, y);
    return ImageRows.of(x, y, count, d, cd);
  }

  private static RowProbes probes(int k) {
    ModelSpec s = TestTasks.spec();
    return RowProbes.shared(ProbeSet.of(SigmaGrid.of("training", k, s), s.imageSize(), SeedTree.root(3)));
  }

  @Test
  void chunkedProjectionEqualsTheInGraphOneAcrossPassesChunksAndCache() {
    ModelSpec spec = TestTasks.spec();
    int k = 32;
    long p;
    try (DitEdmModel m = DitEdmModel.create(spec, TinyModels.threads())) {
      p = m.params().count();
    }
    List<FeatureExtractor.Pass> passes = List.of(
        new FeatureExtractor.Pass("a", TestTasks.weights(), rows(0, 5), probes(3)),
        new FeatureExtractor.Pass("b", TestTasks.weights(), rows(9, 2), probes(3)));
    FeatureConfig inGraph = new FeatureConfig(OutputFunction.SQUARED_OUTPUT, null, false, k, 5, 4, 1L << 30, true);
    // Three rows per chunk (chunks straddle the two passes), P regenerated per chunk.
    FeatureConfig chunked = new FeatureConfig(OutputFunction.SQUARED_OUTPUT, null, false, k, 5, 4, 4 * p * 3, false);
    // Room for all of P twice over: cached in graph variables, one chunk.
    FeatureConfig cached = new FeatureConfig(OutputFunction.SQUARED_OUTPUT, null, false, k, 5, 4, 8 * p * k, false);
    var ref = FeatureExtractor.extract(spec, 1, inGraph, passes, dir, ProgressSink.NONE);
    var a = FeatureExtractor.extract(spec, 1, chunked, passes, dir, ProgressSink.NONE);
    var b = FeatureExtractor.extract(spec, 1, cached, passes, dir, ProgressSink.NONE);
    assertEquals(3, a.chunkRows());
    assertEquals(0, a.cachedBlocks());
    assertEquals(b.totalBlocks(), b.cachedBlocks());
    for (int i = 0; i < 2; i++) {
      float[] want = ref.features().get(i).all();
      assertClose(want, a.features().get(i).all(), 1e-4, "chunked pass " + i);
      assertClose(want, b.features().get(i).all(), 1e-4, "cached pass " + i);
    }
  }

  @Test
  void projectionPreservesInnerProductsWithinTheJohnsonLindenstraussBound() {
    int rows = 6;
    int k = 2048;
    float[] g = new float[0];
    int p;
    ParamTable table;
    try (DitEdmModel m = DitEdmModel.of(TestTasks.spec(), TestTasks.weights(), TinyModels.threads())) {
      GradientStream s = new GradientStream(m, OutputFunction.LOSS, null, 2, false, 3);
      p = s.dim();
      table = m.params();
      float[] all = new float[rows * p];
      s.run(rows(0, rows), probes(2), (first, count, grads) -> System.arraycopy(grads, 0, all, first * p, count * p));
      g = all;
    }
    float[] f;
    try (GaussianProjector proj = new GaussianProjector(table, table.select(x -> true), k, 11, rows, 0, 1)) {
      proj.add(g, 0, rows);
      f = proj.flush();
    }
    // With N(0, 1) entries E<Pa, Pb> = k <a, b> and sd(<Pa, Pb> / k) <= sqrt(2 / k) |a| |b|.
    double eps = 5 * Math.sqrt(2.0 / k);
    for (int a = 0; a < rows; a++) {
      for (int b = a; b < rows; b++) {
        double exact = dot(g, a * p, g, b * p, p);
        double proj = dot(f, a * k, f, b * k, k) / k;
        double scale = Math.sqrt(dot(g, a * p, g, a * p, p) * dot(g, b * p, g, b * p, p));
        assertTrue(Math.abs(proj - exact) <= eps * scale,
            "pair " + a + "," + b + ": projected " + proj + " vs exact " + exact + " (scale " + scale + ")");
      }
    }
  }

  @Test
  void dualSolveEqualsPrimalSolveAndADirectCholesky() {
    int n = 10;
    int t = 3;
    int k = 16;
    float[] phi = gaussian(n * k, 1);
    float[] tgt = gaussian(t * k, 2);
    FeatureStore train = FeatureStore.of(phi, n, k);
    FeatureStore targets = FeatureStore.of(tgt, t, k);
    double lambda = 0.7;
    try (TfLinalg la = new TfLinalg(1)) {
      KernelScores dual = new KernelScores(la, train, targets, KernelScores.Form.AUTO);
      KernelScores primal = new KernelScores(la, train, targets, KernelScores.Form.PRIMAL);
      assertEquals("dual", dual.form());
      assertEquals("primal", primal.form());
      assertEquals(dual.trace(), primal.trace(), 1e-6 * dual.trace());
      KernelScores.Solution sd = dual.solve(lambda, true);
      KernelScores.Solution sp = primal.solve(lambda, true);
      // Direct: H = Phi^T Phi + lambda I (k x k), S = Phi_t H^-1 Phi^T, h_i = phi_i^T H^-1 phi_i.
      RealMatrix f = matrix(phi, n, k);
      RealMatrix ft = matrix(tgt, t, k);
      RealMatrix h = f.transpose().multiply(f);
      for (int i = 0; i < k; i++) {
        h.addToEntry(i, i, lambda);
      }
      RealMatrix hinv = new CholeskyDecomposition(h).getSolver().getInverse();
      RealMatrix s = ft.multiply(hinv).multiply(f.transpose());
      RealMatrix hat = f.multiply(hinv).multiply(f.transpose());
      for (int r = 0; r < t; r++) {
        for (int i = 0; i < n; i++) {
          assertEquals(s.getEntry(r, i), sd.scores()[r * n + i], 1e-4, "dual " + r + "," + i);
          assertEquals(s.getEntry(r, i), sp.scores()[r * n + i], 1e-4, "primal " + r + "," + i);
        }
      }
      for (int i = 0; i < n; i++) {
        assertEquals(1 - hat.getEntry(i, i), sd.oneMinusLeverage()[i], 1e-6, "dual 1 - h_" + i);
        assertEquals(1 - hat.getEntry(i, i), sp.oneMinusLeverage()[i], 1e-4, "primal 1 - h_" + i);
      }
    }
  }

  @Test
  void featureFilesRoundTripRowBlocks() {
    float[] v = gaussian(7 * 5, 4);
    try (FeatureStore s = FeatureStore.create(7, 5, 0, dir)) {
      s.write(0, 3, v, 0);
      s.write(3, 4, v, 15);
      float[] mid = new float[3 * 5];
      s.read(2, 3, mid);
      for (int i = 0; i < mid.length; i++) {
        assertEquals(v[10 + i], mid[i]);
      }
      assertEquals(java.util.Arrays.toString(v), java.util.Arrays.toString(s.all()));
    }
  }

  @Test
  void topKRepetitionOnConstructedScores() {
    int n = 8;
    // Three targets whose top-2 are all {0, 1}: the same images top every list.
    float[] same = new float[3 * n];
    for (int t = 0; t < 3; t++) {
      same[t * n] = 9;
      same[t * n + 1] = 8;
      same[t * n + 2 + t] = 1;
    }
    TopKRepetition r = TopKRepetition.of(same, 3, n, 2);
    assertEquals(2.0 / 6, r.uniqueFraction(), 1e-12);
    assertEquals(1.0, r.meanPairwiseOverlap(), 1e-12);
    assertEquals(0, r.mostFrequent());
    assertEquals(3, r.mostFrequentLists());
    // Disjoint lists {0,1}, {2,3}, {4,5}; list 3 = {0, 2} overlaps lists 1 and 2 by one each.
    float[] s = new float[4 * n];
    int[][] tops = {{0, 1}, {2, 3}, {4, 5}, {2, 0}};
    for (int t = 0; t < 4; t++) {
      s[t * n + tops[t][0]] = 5;
      s[t * n + tops[t][1]] = 4;
    }
    TopKRepetition d = TopKRepetition.of(s, 4, n, 2);
    assertEquals(6.0 / 8, d.uniqueFraction(), 1e-12);
    assertEquals((0.5 + 0.5) / 6, d.meanPairwiseOverlap(), 1e-12);
    assertEquals(0, d.mostFrequent(), "ties go to the lower column");
    assertEquals(2, d.mostFrequentLists());
  }

  @Test
  void lambdaGridIsDtraksSweepAndRelativeToTheTrace() {
    LambdaGrid g = LambdaGrid.parse("relative", 1);
    assertEquals(27, g.coefficients().size());
    assertEquals(0.01, g.coefficients().get(0), 0);
    assertEquals(5e6, g.coefficients().get(26), 0);
    assertEquals("lambda=0.05", LambdaGrid.key(0.05));
    assertEquals("lambda=2000", LambdaGrid.key(2000));
    assertEquals(2.0 * 300 / 100, g.lambda(2, 300, 100), 1e-12);
    assertEquals(2.0, LambdaGrid.parse("absolute", 3).lambda(2, 300, 100), 0);
    assertEquals(28, LambdaGrid.parse("absolute", 3).coefficients().size(), "a default off the grid is added");
  }

  static void assertClose(float[] want, float[] got, double rel, String what) {
    assertEquals(want.length, got.length, what);
    double scale = 0;
    for (float v : want) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertTrue(scale > 0, what + ": all zero");
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], rel * scale, what + " at " + i);
    }
  }

  private static double dot(float[] a, int ao, float[] b, int bo, int len) {
    double s = 0;
    for (int i = 0; i < len; i++) {
      s += (double) a[ao + i] * b[bo + i];
    }
    return s;
  }

  private static float[] gaussian(int n, long seed) {
    float[] v = new float[n];
    new CounterRng(seed).fillGaussian(v);
    return v;
  }

  private static RealMatrix matrix(float[] v, int rows, int cols) {
    double[][] d = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        d[r][c] = v[r * cols + c];
      }
    }
    return new Array2DRowRealMatrix(d, false);
  }
}
