/**
 * Executors for independent jobs (retrainings and the like): content-addressed job descriptions
 * saved in the store with a record of the last attempt at each, a check of which jobs are finished
 * (by their artifacts alone), an in-process worker pool (one compute thread per job by default), and
 * Slurm job arrays (one per job kind and wave, sized by a cost model, small jobs packed into one
 * task) that run {@code tdabench job --store <store> <id>...} on a shared store.
 */
package org.tdabench.benchmark.exec;
