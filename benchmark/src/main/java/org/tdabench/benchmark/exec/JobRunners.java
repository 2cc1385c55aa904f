package org.tdabench.benchmark.exec;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.tdabench.core.UserError;

/** The runners available to an executor, by job kind. */
public final class JobRunners {
  private final Map<String, JobRunner> byKind;

  private JobRunners(Map<String, JobRunner> byKind) {
    this.byKind = Collections.unmodifiableMap(byKind);
  }

  /** Every runner on the class path ({@link ServiceLoader}). */
  public static JobRunners discover() {
    return of(ServiceLoader.load(JobRunner.class).stream().map(ServiceLoader.Provider::get).toList());
  }

  /** Exactly these runners. */
  public static JobRunners of(List<JobRunner> runners) {
    Map<String, JobRunner> m = new TreeMap<>();
    for (JobRunner r : runners) {
      if (m.put(r.kind(), r) != null) {
        throw new IllegalStateException("two job runners for kind '" + r.kind() + "'");
      }
    }
    return new JobRunners(m);
  }

  /** The runner of {@code kind}; a {@link UserError} naming the known kinds if there is none. */
  public JobRunner forKind(String kind) {
    JobRunner r = byKind.get(kind);
    if (r == null) {
      throw new UserError("no runner for job kind '" + kind + "' (known: "
          + (byKind.isEmpty() ? "none" : String.join(", ", byKind.keySet()))
          + "): run the job with the tdabench build that planned it");
    }
    return r;
  }

  public java.util.Set<String> kinds() {
    return byKind.keySet();
  }
}
