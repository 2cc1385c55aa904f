package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.tdabench.benchmark.exec.Job;
import org.tdabench.benchmark.store.StoreSweeper;
import org.tdabench.core.AtomicFiles;
import org.tdabench.core.IoProblems;
import org.tdabench.core.UserError;
import org.tdabench.models.nn.DitEdmParams;

/**
 * Checks made before any job starts, so that a run fails in its first second rather than after its
 * trainings: the output folder is writable; the store is writable when anything must be computed,
 * with enough free space for what is missing (estimated from the preset); leftovers of interrupted
 * runs are swept; a non-default numerics setting is named in one warning line.
 */
final class RunPreflight {
  /** Free space asked for beyond the estimate. */
  static final double MARGIN = 1.25;

  private RunPreflight() {}

  /** The output folder can take results/ and reports/. */
  static void checkOutput(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
      Path probe = AtomicFiles.tempSibling(abs.resolve("write-probe"));
      Files.writeString(probe, "");
      Files.delete(probe);
    } catch (IOException | UnsupportedOperationException e) {
      throw new UserError("cannot write results to " + abs + " (" + IoProblems.cause(e)
          + "): choose a writable --out folder");
    }
  }

  /**
   * Before jobs run: sweeps the store's leftovers, and when some of {@code missingTrainings}
   * (and the other artifacts of the plan) must be computed, checks that the store is writable and
   * has room for them.
   */
  static void checkStore(RunContext ctx, List<Job> jobs, int missingTrainings, PrintStream log) {
    Path root = ctx.store.root();
    boolean writable = ctx.store.writable();
    if (writable) {
      try {
        StoreSweeper.Report r = StoreSweeper.sweep(ctx.store);
        if (r.removed() > 0) {
          log.println("  removed " + r.removed() + " leftover(s) of interrupted runs from the store");
        }
      } catch (IOException e) {
        throw new UserError("cannot tidy the artifact store " + root + " (" + IoProblems.cause(e)
            + "): check the --cache folder");
      }
    }
    if (missingTrainings == 0) {
      return; // everything may already be stored: a read-only store is fine until proven otherwise
    }
    if (!writable) {
      throw new UserError("the artifact store " + root + " is not writable (" + (Files.isDirectory(root)
          ? "read-only or no permission" : "missing") + ") and " + missingTrainings
          + " training(s) of this run are not in it: choose a writable --cache");
    }
    long need = (long) (estimateBytes(ctx, jobs.size(), missingTrainings) * MARGIN);
    try {
      long free = Files.getFileStore(root).getUsableSpace();
      if (free < need) {
        throw new UserError(String.format(Locale.ROOT, "not enough free space for this run in %s: about %.0f MiB "
            + "needed, %.0f MiB free: free some space or choose another --cache", root, need / 1048576.0,
            free / 1048576.0));
      }
    } catch (IOException e) {
      // no free-space figure on this file system: the run finds out when it writes
    }
  }

  /**
   * What the missing part of a run writes: per training the EMA weights and a resumable work
   * checkpoint (parameters, EMA, two AdamW moments, best EMA), plus TracIn checkpoints of main
   * models; per job a score matrix with its hyper-parameter candidates; an upper bound.
   */
  static long estimateBytes(RunContext ctx, int jobs, int missingTrainings) {
    long params = DitEdmParams.of(ctx.model.arch()).count();
    long model = params * 4;
    var p = ctx.preset;
    long tracin = p.tracinEvery() > 0 ? (long) (ctx.model.train().maxEpochs() / p.tracinEvery()) * model : 0;
    long perTraining = model + 5 * model;
    long trainings = missingTrainings * perTraining + (long) p.ablationSeeds() * tracin;
    long targets = (long) p.genTargets() + p.valTargets() + p.selfTargets();
    long scores = (long) jobs * targets * ctx.train.size() * 4 * 30;
    return trainings + scores;
  }
}
