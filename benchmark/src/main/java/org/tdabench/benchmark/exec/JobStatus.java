package org.tdabench.benchmark.exec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last recorded attempt at a job, kept beside its description
 * ({@code <store>/jobs/status/<id>.json}) by whoever runs it on a cluster node, so that
 * {@code tdabench slurm --status} can tell failed and interrupted jobs from ones that never started.
 * Whether a job is done is never read from here: that is decided by its artifacts being in the store.
 *
 * @param state what the attempt came to
 * @param host the node's host name
 * @param slurmTask the Slurm array task ({@code <array job id>_<task index>}), or null outside Slurm
 * @param started ISO-8601 start time
 * @param ended ISO-8601 end time, or null while running
 * @param error one line saying why it failed, or null
 */
public record JobStatus(State state, String host, String slurmTask, String started, String ended, String error) {

  /** What an attempt came to. */
  public enum State {
    /** Started and not (yet) finished; also what a node that died without notice leaves behind. */
    RUNNING,
    /** Finished without error. */
    DONE,
    /** The runner threw. */
    FAILED,
    /** The process was stopped (scancel, time limit, Ctrl-C) before the job finished. */
    INTERRUPTED
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
    m.put("host", host);
    m.put("slurm_task", slurmTask);
    m.put("started", started);
    m.put("ended", ended);
    m.put("error", error);
    return m;
  }

  static JobStatus fromJson(Map<String, Object> m) {
    return new JobStatus(State.valueOf(String.valueOf(m.get("state")).toUpperCase(java.util.Locale.ROOT)),
        (String) m.get("host"), (String) m.get("slurm_task"), (String) m.get("started"), (String) m.get("ended"),
        (String) m.get("error"));
  }
}
