package org.tdabench.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import me.tongfei.progressbar.ProgressBarConsumer;
import org.junit.jupiter.api.Test;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.core.Progress;

/** What the job list prints in logs, how work inside a job reaches it, and the terminal block. */
class JobProgressTest {
  private static final long S = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(100 * S);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private List<String> logLines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void logsNameRunningJobsAndReportEachEveryThirtySeconds() {
    JobProgress p = new JobProgress("jobs", 3, log, null, clock::get);
    Job train = Job.of("train-main-seed-0", "train", Map.of());
    Job gt = Job.of("gt-lds_eval_0_seed_0", "lds-ground-truth", Map.of());
    p.started(gt, 1);
    p.started(train, 0);
    // the work of the job started last on this thread reports under that job's name
    Progress.Factory inJob = JobProgress.tasks();
    Progress t = inJob.start("train model/seed/0", 1000, "step", 1);
    clock.addAndGet(S);
    t.stepTo(1);
    clock.addAndGet(30 * S);
    t.stepTo(61);
    p.tick(); // the timer: the task just wrote; the job without a task says it is running
    clock.addAndGet(30 * S);
    p.tick(); // no step in 30 s: the task's line again, slower
    t.close();
    clock.addAndGet(4 * S);
    p.finished(train, 0, null);
    assertNotSame(inJob, JobProgress.tasks(), "outside a job, work reports elsewhere");
    clock.addAndGet(10 * S);
    p.finished(gt, 1, new IllegalStateException("x"));
    clock.addAndGet(60 * S);
    p.tick();
    assertEquals(List.of(
        "  [train-main-seed-0] train model/seed/0: 61/1000 step (6%), 2.00 step/s, ETA 7m 50s",
        "  [gt-lds_eval_0_seed_0] running for 31s",
        "  [gt-lds_eval_0_seed_0] running for 1m 01s",
        "  [train-main-seed-0] train model/seed/0: 61/1000 step (6%), 1.00 step/s, ETA 15m 39s",
        "  [train-main-seed-0] train model/seed/0: stopped at 61/1000 step after 1m 01s",
        "  [jobs 1/3, 65 s] train-main-seed-0 done; running: gt-lds_eval_0_seed_0",
        "  [jobs 2/3, 75 s] gt-lds_eval_0_seed_0 FAILED"), logLines());
  }

  @Test
  void terminalLinesAreRewrittenInPlaceAndTheNewestTaskOfALineDraws() {
    StatusLines lines = new StatusLines(log, 3, 12);
    bytes.reset();
    lines.set(1, "train-main-seed-0 and more");
    assertEquals("\u001b[2A\r\u001b[2Ktrain-main-s\u001b[2B\r", bytes.toString(StandardCharsets.UTF_8));
    ProgressBarConsumer outer = lines.line(2);
    ProgressBarConsumer inner = lines.line(2);
    bytes.reset();
    outer.accept("outer");
    assertEquals("", bytes.toString(StandardCharsets.UTF_8), "hidden while a newer task is open");
    inner.accept("inner");
    inner.close();
    outer.accept("outer again");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("\u001b[1A\r\u001b[2Kinner\u001b[1B\r"), out);
    assertTrue(out.endsWith("\u001b[1A\r\u001b[2Kouter again\u001b[1B\r"), out);
    assertEquals(12, inner.getMaxRenderedLength());
  }
}
