/**
 * The content-addressed artifact store: artifacts keyed by the SHA-256 of their canonical recipe,
 * published atomically with a sidecar (recipe, timings, machine, threads, TensorFlow flags), reused
 * on rerun, computed once under cross-process file locks, and guarded by a store format version.
 */
package org.tdabench.benchmark.store;
