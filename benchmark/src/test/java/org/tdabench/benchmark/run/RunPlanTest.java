package org.tdabench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobCost;
import org.tdabench.benchmark.exec.JobGraph;
import org.tdabench.benchmark.store.Json;
import org.tdabench.models.config.ModelPresets;
import org.tdabench.models.nn.DitEdmParams;

/** The run's job graph: content-addressed ids, no paths in jobs, the data-free outline, the cost model. */
class RunPlanTest {
  @TempDir Path dir;

  RunConfig cfg(long seed, List<String> methods, Map<String, Map<String, String>> opts) {
    return new RunConfig("tiny", null, methods, seed, dir.resolve("cache"), dir.resolve("out"), opts, 2);
  }

  static List<Job> plan(RunConfig c) {
    return new Pipeline(c, new PrintStream(new ByteArrayOutputStream())).plan();
  }

  static Map<String, String> idsByLabel(List<Job> jobs) {
    Map<String, String> m = new TreeMap<>();
    for (Job j : jobs) {
      m.put(j.id().substring(0, j.id().length() - Job.HASH_CHARS - 1), j.id());
    }
    return m;
  }

  @Test
  void runsSharingAStoreNeverShareAnIdForDifferentWork() {
    List<Job> seed0 = plan(cfg(0, List.of("all"), Map.of()));
    // 50 jobs of the benchmark proper (9 trainings, targets, 16 methods' attributions and
    // ablations, 8 ground truths), 25 of the encoded-ensemble track (8 members, targets, ground
    // truth, attributions).
    assertEquals(50, seed0.stream().filter(j -> !onTrack(j)).count());
    assertEquals(75, seed0.size());
    assertEquals(idsByLabel(seed0), idsByLabel(plan(cfg(0, List.of("all"), Map.of()))), "same run, same ids");
    Set<String> ids0 = new HashSet<>(seed0.stream().map(Job::id).toList());
    for (Job j : plan(cfg(1, List.of("all"), Map.of()))) {
      assertFalse(ids0.contains(j.id()), "seed 1 reuses seed 0's id " + j.id());
    }
    // A run with fewer methods plans the same trainings (same ids) and a subset of the attributions.
    Map<String, String> all = idsByLabel(seed0);
    Map<String, String> pixel = idsByLabel(plan(cfg(0, List.of("pixel"), Map.of())));
    pixel.forEach((label, id) -> assertEquals(all.get(label), id, label));
    // A method option changes that method's jobs, never a training's.
    Map<String, String> opt = idsByLabel(plan(cfg(0, List.of("all"), Map.of("mucs", Map.of("num_noises", "5")))));
    assertEquals(all.get("train-main_seed_0"), opt.get("train-main_seed_0"));
    assertNotEquals(all.get("attribute-mucs-seed-0"), opt.get("attribute-mucs-seed-0"));
    // Jobs carry no path: where the store is comes from whoever runs them.
    for (Job j : seed0) {
      String json = Json.canonical(j.recipe());
      assertFalse(json.contains(dir.toString()), j.id() + ": " + json);
    }
  }

  @Test
  void theDataFreeOutlineHasThePlansShape() {
    for (List<String> methods : List.of(List.of("all"), List.of("pixel", "mucs"))) {
      RunConfig c = cfg(0, methods, Map.of());
      // The outline leaves out the encoded-ensemble track, whose members depend on the data.
      assertEquals(shape(plan(c).stream().filter(j -> !onTrack(j)).toList()),
          shape(new Pipeline(c, System.err).outline()), methods.toString());
    }
    Path cache = dir.resolve("paper-cache");
    RunConfig paper = new RunConfig("paper-cifar10", null, List.of("all"), 0, cache, dir, Map.of(), 1);
    List<Job> outline = new Pipeline(paper, System.err).outline();
    assertEquals(4 + (64 + 16) * 3, outline.stream().filter(j -> j.kind().equals("train")).count());
    assertFalse(Files.exists(cache), "a dry run needs no data and writes nothing");
  }

  static boolean onTrack(Job j) {
    return EnsembleJobs.KINDS.contains(j.kind()) || j.id().startsWith("train-ensemble_member_");
  }

  /** wave -> kind -> count. */
  static List<Map<String, Integer>> shape(List<Job> jobs) {
    return new JobGraph(jobs).waves().stream().map(w -> {
      Map<String, Integer> m = new TreeMap<>();
      w.forEach(j -> m.merge(j.kind(), 1, Integer::sum));
      return m;
    }).toList();
  }

  @Test
  void modelledTrainingWorkAgreesWithTheSixPTRuleOfThumb() {
    RunConfig c = new RunConfig("paper-cifar10", null, List.of("all"), 0, dir, dir, Map.of(), 1);
    RunCost costs = RunCost.planned(c);
    var model = ModelPresets.get("paper-cifar10");
    var t = model.train();
    JobCost train = costs.train(false);
    // A transformer training step costs about 6 x parameters x tokens FLOP per image.
    double rule = 6.0 * DitEdmParams.of(model.arch()).count() * model.arch().tokens() * t.batchSize() * t.maxSteps();
    assertEquals(1.0, train.gflop() * 1e9 / rule, 0.2, "FlopCounter-based training work against 6 P T");
    assertTrue(costs.train(true).storageBytes() > train.storageBytes(), "TracIn checkpoints take space");
    assertTrue(costs.ablate(1).gflop() > train.gflop(), "an ablation retrains and regenerates");
    assertTrue(costs.attribute("mucs", 0).gflop() > 100 * costs.attribute("pixel", 0).gflop());
    assertTrue(costs.attribute("trak", 0).gflop() > costs.attribute("trak", 1).gflop(), "seed 0 attributes more targets");
    assertEquals(300, costs.attributedTargets(0));
    assertEquals(20, costs.attributedTargets(1));
    assertEquals(10, costs.checkpoints(), "200 epochs, a checkpoint every 20");
  }
}
