/**
 * Executors for independent jobs (retrainings and the like): job descriptions saved in the store,
 * an in-process worker pool (one compute thread per job by default) and Slurm job-array scripts that
 * run each job as {@code tdabench job <id>} on a shared store.
 */
package org.tdabench.benchmark.exec;
