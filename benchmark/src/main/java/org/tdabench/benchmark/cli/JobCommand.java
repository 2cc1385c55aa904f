package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.exec.JobContext;
import org.tdabench.benchmark.exec.JobRunners;
import org.tdabench.benchmark.exec.JobStore;
import org.tdabench.benchmark.store.ArtifactStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tdabench job <id> --cache DIR}: runs one saved job against a shared store. This is what each
 * task of a Slurm job array executes; jobs are idempotent, so running one twice reuses its artifacts.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Run one saved job (<cache>/jobs/<id>.json) against the artifact store; used by cluster executors.")
public final class JobCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "ID", description = "The job id (its file is <cache>/jobs/<ID>.json).")
  String id;

  @Option(names = {"--store", "--cache"}, required = true, paramLabel = "DIR",
      description = "The shared artifact store (a run's <cache>/store folder).")
  Path cache;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
      description = "Compute threads for the job (default: ${DEFAULT-VALUE}).")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (threads < 1) {
      throw new org.tdabench.core.UserError("--threads must be at least 1, got " + threads);
    }
    ArtifactStore store = ArtifactStore.open(cache, threads);
    Job job = new JobStore(store).load(id);
    JobRunners.discover().forKind(job.kind()).run(job, new JobContext(store, threads, 0));
    System.out.println("job " + id + " done");
    return 0;
  }
}
