/**
 * The machine as far as results depend on it: the processor TensorFlow's kernels dispatch on, the
 * TensorFlow build, the JVM and the numerics environment, summarised in a {@link
 * org.tdabench.benchmark.machine.Fingerprint}.
 */
package org.tdabench.benchmark.machine;
