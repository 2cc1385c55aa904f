package org.tdabench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tdabench.benchmark.exec.Job;

/** The job graph around score ensembles and the encoded-ensemble track (planning only: nothing is trained). */
class EnsemblePlanTest {
  @TempDir
  Path dir;

  private List<Job> plan(List<String> methods) {
    RunConfig cfg = new RunConfig("tiny", null, methods, 0, dir.resolve("cache"), dir.resolve("out"), Map.of(), 2);
    return new Pipeline(cfg, new PrintStream(new ByteArrayOutputStream())).plan();
  }

  /** Jobs by label: the id without its content hash. */
  private static Map<String, Job> byId(List<Job> jobs) {
    return jobs.stream().collect(Collectors.toMap(j -> label(j.id()), Function.identity()));
  }

  private static String label(String id) {
    return id.substring(0, id.length() - Job.HASH_CHARS - 1);
  }

  private static List<String> labels(List<String> ids) {
    return ids.stream().map(EnsemblePlanTest::label).toList();
  }

  @Test
  void scoreEnsemblesWaitForTheirMembersJobs() {
    Map<String, Job> jobs = byId(plan(List.of("all")));
    assertTrue(labels(jobs.get("attribute-ensemble-rank-seed-0").dependsOn())
        .containsAll(List.of("attribute-mucs-seed-0", "attribute-dtrak-seed-0")),
        "the ensemble reads stored member scores, so their cost is counted once");
    assertTrue(labels(jobs.get("attribute-ensemble-grad-rank-seed-0").dependsOn())
        .containsAll(List.of("attribute-dtrak-seed-0", "attribute-das-seed-0")));
  }

  @Test
  void theTrackRunsWithEncodedEnsemblesAndItsDefaultMethods() {
    Map<String, Job> jobs = byId(plan(List.of("all")));
    // tiny: 64 training images need n = 8 members.
    for (int j = 0; j < 8; j++) {
      assertTrue(jobs.containsKey("train-ensemble_member_" + j), "member " + j);
    }
    assertFalse(jobs.containsKey("train-ensemble_member_8"));
    // Member j trains on exactly the samples whose bit j is 1.
    RunContext ctx = RunContext.open(new RunConfig("tiny", null, List.of("all"), 0, dir.resolve("cache"),
        dir.resolve("out"), Map.of(), 2));
    var codes = EnsembleStage.codes(ctx);
    for (int j = 0; j < 8; j++) {
      TrainRequest r = StageJobs.request(jobs.get("train-ensemble_member_" + j));
      assertEquals(java.util.Arrays.toString(codes.rowsOf(j)), java.util.Arrays.toString(r.items()));
    }
    assertTrue(labels(jobs.get("ensemble-targets").dependsOn()).contains("train-ensemble_member_7"));
    assertTrue(jobs.containsKey("ensemble-gt-target-0") && jobs.containsKey("ensemble-gt-target-1"));
    // dit-feature attributes member by member; pixel once; mucs is not on tiny's default track.
    assertTrue(labels(jobs.get("ensemble-attribute-dit-feature").dependsOn())
        .contains("ensemble-attribute-dit-feature-member-7"));
    assertTrue(jobs.containsKey("ensemble-attribute-pixel") && !jobs.containsKey("ensemble-attribute-pixel-member-0"));
    assertTrue(jobs.containsKey("ensemble-attribute-encoded-ensemble"));
    assertFalse(jobs.containsKey("ensemble-attribute-mucs"));
  }

  @Test
  void theTrackIsOffWithoutEncodedEnsemblesAndRunsEveryNamedMethod() {
    assertTrue(plan(List.of("pixel")).stream().noneMatch(j -> EnsembleJobs.KINDS.contains(j.kind())));
    RunConfig cfg = new RunConfig("tiny", null, List.of("pixel", "ensemble-grad-rank", "encoded-ensemble"), 0,
        dir.resolve("cache"), dir.resolve("out"), Map.of(), 2);
    EnsembleAttribution.Selection sel = EnsembleAttribution.selection(RunContext.open(cfg));
    assertEquals(List.of("random", "pixel", "encoded-ensemble"), sel.run());
    assertEquals("its member dtrak is not on the track", sel.notRun().get("ensemble-grad-rank"));
  }
}
