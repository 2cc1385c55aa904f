package org.tdabench.benchmark.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.tdabench.core.UserError;

class SlurmScriptsTest {
  /** Jobs cost recipe "gflop" GFLOP and "gib" GiB of memory. */
  static final CostModel COSTS = j -> new JobCost(((Number) j.recipe().getOrDefault("gflop", 0)).doubleValue(),
      ((Number) j.recipe().getOrDefault("gib", 0)).longValue() << 30, 0);
  /** 1 GFLOP/s per thread, 1 TFLOP/s per GPU, 10 s start-up per job. */
  static final Throughput TP = new Throughput(1, 1, 10);

  static Job job(String id, String kind, double gflop, int gib) {
    return Job.of(id, kind, Map.of("gflop", gflop, "gib", gib));
  }

  @Test
  void oneArrayPerKindAndWaveWithItsOwnResourcesAndExactDependencies() {
    JobGraph g = new JobGraph(List.of(
        job("train-0", "train", 4000, 6),
        job("train-1", "train", 4000, 6),
        job("gt-0", "gt", 50, 1).after("train-0"),
        job("gt-1", "gt", 50, 1).after("train-1"),
        job("attr", "attribute", 1000, 2).after("train-0"),
        job("ablate", "ablate", 100, 1).after("attr")));
    TaskSizing sizing = new TaskSizing(COSTS, TP, 2, 0, 120, null, null, 0);
    List<SlurmScripts.Array> arrays = SlurmScripts.plan(g, sizing, "run");
    assertEquals(List.of("run-w00-train", "run-w01-gt", "run-w01-attribute", "run-w02-ablate"),
        arrays.stream().map(SlurmScripts.Array::name).toList());
    // two 2010-s trainings run alone; the two 35-s ground truths share one task (one JVM start)
    assertEquals(List.of(2, 1, 1, 1), arrays.stream().map(a -> a.tasks().size()).toList());
    assertEquals(2, arrays.get(1).tasks().get(0).size());
    // the ablation waits only for the attribution array, not for the ground truths
    assertEquals(List.of(List.of(), List.of(0), List.of(0), List.of(2)),
        arrays.stream().map(SlurmScripts.Array::after).toList());
    ArrayResources train = arrays.get(0).resources();
    assertEquals(2010, train.modelledSeconds(), 1e-9);
    assertEquals(67, train.minutes(), "twice the modelled 33.5 minutes, rounded up");
    assertEquals(9 * 1024, train.memoryMib(), "1.5 GiB + 1.25 x 6 GiB, rounded up to whole GiB");
    assertEquals(4608, train.heapMib());
    assertEquals(10, arrays.get(1).resources().minutes(), "at least 10 minutes");

    SlurmConfig cfg = new SlurmConfig("/opt/java 17/bin/java", "/store/jobs/bin/ab/tdabench.jar", "/shared/my store",
        "gpu", "proj1", "normal", "a100", "gpu:1", 4, List.of("module load java/17"), List.of("--mail-type=FAIL"));
    Map<String, String> files = SlurmScripts.generate(arrays, cfg);
    assertEquals(List.of("run-w00-train.sbatch", "run-w01-gt.sbatch", "run-w01-attribute.sbatch",
        "run-w02-ablate.sbatch", "submit.sh"), List.copyOf(files.keySet()));
    assertEquals("""
        #!/bin/bash
        #SBATCH --job-name=run-w00-train
        #SBATCH --array=0-1%4
        #SBATCH --cpus-per-task=2
        #SBATCH --mem=9G
        #SBATCH --time=01:07:00
        #SBATCH --partition=gpu
        #SBATCH --account=proj1
        #SBATCH --qos=normal
        #SBATCH --constraint=a100
        #SBATCH --gres=gpu:1
        #SBATCH --mail-type=FAIL
        # 2 train job(s) in 2 task(s); longest task modelled at 2010 s (the time limit allows twice that).
        # Submit with submit.sh (it sets the log folder and the dependencies).
        set -euo pipefail
        module load java/17
        tasks=(
          "train-0"
          "train-1"
        )
        # The task's ids are split into words on purpose.
        exec '/opt/java 17/bin/java' -Xmx4608m -XX:+ExitOnOutOfMemoryError -jar /store/jobs/bin/ab/tdabench.jar \
        job --store '/shared/my store' ${tasks[$SLURM_ARRAY_TASK_ID]}
        """.replace("\\\n", ""), files.get("run-w00-train.sbatch"));
    assertTrue(files.get("run-w01-gt.sbatch").contains("  \"gt-0 gt-1\"\n"), files.get("run-w01-gt.sbatch"));
    String submit = files.get("submit.sh");
    assertTrue(submit.contains("logs=\"$here/logs/$(date +%Y%m%d-%H%M%S)-$$\"\nmkdir -p \"$logs\"\n"), submit);
    assertTrue(submit.contains("a0=$(sbatch --parsable --output=\"$logs/%x-%A_%a.log\" \"$here/run-w00-train.sbatch\")\n"
        + "a0=${a0%%;*}\n"), submit);
    assertTrue(submit.contains("a3=$(sbatch --parsable --output=\"$logs/%x-%A_%a.log\" --kill-on-invalid-dep=yes "
        + "--dependency=afterok:${a2} \"$here/run-w02-ablate.sbatch\")\n"), submit);
  }

  @Test
  void gpuTasksAreSizedForTheDeviceAndFixedRequestsWin() {
    JobGraph g = new JobGraph(List.of(job("t", "train", 36_000, 40)));
    ArrayResources gpu = SlurmScripts.plan(g, new TaskSizing(COSTS, TP, 1, 1, 600, null, null, 0), "r").get(0)
        .resources();
    assertEquals(46, gpu.modelledSeconds(), 1e-9, "36 s of work at 1 TFLOP/s plus 10 s start");
    assertEquals(12 * 1024, gpu.memoryMib(), "1.5 GiB + a quarter of the 40 GiB working set on the host");
    assertEquals(1, gpu.gpus());
    ArrayResources capped = SlurmScripts.plan(g, new TaskSizing(COSTS, TP, 1, 0, 600, null, null, 60), "r").get(0)
        .resources();
    assertEquals(60, capped.minutes(), "cut to the partition's limit");
    ArrayResources fixed = SlurmScripts.plan(g, new TaskSizing(COSTS, TP, 1, 0, 600, "2-00:00:00", "3000M", 60), "r")
        .get(0).resources();
    assertEquals(2880, fixed.minutes());
    assertEquals(3000, fixed.memoryMib());
  }

  @Test
  void slurmTimesAndSizes() {
    assertEquals(90, TaskSizing.parseTime("90"));
    assertEquals(91, TaskSizing.parseTime("90:30"));
    assertEquals(90, TaskSizing.parseTime("01:30:00"));
    assertEquals(1440 + 120, TaskSizing.parseTime("1-02"));
    assertEquals(2 * 1440 + 61, TaskSizing.parseTime("2-01:01:00"));
    for (String bad : new String[] {"", "lots", "1:2:3:4", "0", "-5", "1-2:3:4:5"}) {
      UserError e = assertThrows(UserError.class, () -> TaskSizing.parseTime(bad), bad);
      assertTrue(e.getMessage().contains("not a Slurm time"), e.getMessage());
    }
    assertEquals("01:07:00", TaskSizing.formatTime(67));
    assertEquals("2-08:59:00", TaskSizing.formatTime(2 * 1440 + 8 * 60 + 59));
    assertEquals(8192, TaskSizing.parseMemoryMib("8G"));
    assertEquals(16000, TaskSizing.parseMemoryMib("16000"));
    assertEquals(1, TaskSizing.parseMemoryMib("1024K"));
    assertThrows(UserError.class, () -> TaskSizing.parseMemoryMib("lots"));
    assertEquals(OptionalLong.of(720), SlurmPartitions.parse("debug* 12:00:00\nlong 7-00:00:00\n", null));
    assertEquals(OptionalLong.of(10080), SlurmPartitions.parse("debug* 12:00:00\nlong 7-00:00:00\n", "long"));
    assertEquals(OptionalLong.of(30), SlurmPartitions.parse("short* 30:00\n", null));
    assertEquals(OptionalLong.empty(), SlurmPartitions.parse("debug* infinite\n", null));
    assertEquals(OptionalLong.empty(), SlurmPartitions.parse("debug* 1:00:00\n", "gpu"));
  }

  @Test
  void quotingAndPathChecks() {
    assertEquals("plain/path-1.jar", SlurmScripts.quote("plain/path-1.jar"));
    assertEquals("'it'\\''s here'", SlurmScripts.quote("it's here"));
    assertThrows(IllegalArgumentException.class, () -> SlurmConfig.defaults("tdabench.jar", "/store"));
    assertThrows(IllegalArgumentException.class, () -> SlurmConfig.defaults("/a.jar", "/store").withGres("gpu:1; rm"));
  }
}
