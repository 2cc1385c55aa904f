package org.tdabench.benchmark.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tdabench.benchmark.store.ArtifactStore;
import org.tdabench.benchmark.store.MissingArtifactException;

/**
 * Which jobs of a graph are finished, decided by their artifacts alone (whoever computed them: this
 * process, another one, a cluster node): each job's runner runs against a view of the store that finds
 * artifacts but never computes one ({@link ArtifactStore#withoutComputing()}); a job is done when its
 * runner gets through. Dependencies are checked first; a job whose dependency is not done is not run
 * at all (it could not be done either).
 */
public final class CompletionCheck {
  private CompletionCheck() {}

  /**
   * @param done ids of finished jobs, in graph order
   * @param missing id -> what it lacks ("model 3f9a..."), for jobs whose dependencies are done
   * @param blocked ids of jobs with a dependency that is not done
   */
  public record Result(List<String> done, Map<String, String> missing, List<String> blocked) {
    /** True when every job is done. */
    public boolean complete() {
      return missing.isEmpty() && blocked.isEmpty();
    }

    /** Jobs not done, missing ones first. */
    public List<String> notDone() {
      List<String> l = new ArrayList<>(missing.keySet());
      l.addAll(blocked);
      return l;
    }
  }

  /** Checks {@code jobs} (any order; dependencies inside the list) against {@code store}. */
  public static Result check(List<Job> jobs, JobRunners runners, ArtifactStore store) throws Exception {
    ArtifactStore view = store.computes() ? store.withoutComputing() : store;
    JobContext ctx = new JobContext(view, 1, 0);
    Set<String> isDone = new HashSet<>();
    List<String> done = new ArrayList<>();
    Map<String, String> missing = new LinkedHashMap<>();
    List<String> blocked = new ArrayList<>();
    for (List<Job> wave : new JobGraph(jobs).waves()) {
      for (Job j : wave) {
        if (!isDone.containsAll(j.dependsOn())) {
          blocked.add(j.id());
          continue;
        }
        try {
          runners.forKind(j.kind()).run(j, ctx);
          isDone.add(j.id());
          done.add(j.id());
        } catch (Exception e) {
          MissingArtifactException m = missingIn(e);
          if (m == null) {
            throw e;
          }
          missing.put(j.id(), m.kind() + " " + m.hash());
        }
      }
    }
    return new Result(done, missing, blocked);
  }

  /** The {@link MissingArtifactException} in {@code t}'s cause chain, or null. */
  public static MissingArtifactException missingIn(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof MissingArtifactException m) {
        return m;
      }
    }
    return null;
  }
}
