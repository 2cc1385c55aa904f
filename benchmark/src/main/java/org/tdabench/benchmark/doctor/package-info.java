/**
 * What the machine offers TensorFlow: the native build on the class path (CPU or GPU), the CUDA and
 * cuDNN libraries a GPU build needs and the devices TensorFlow sees ({@code tdabench doctor}, with
 * the machine's own description from {@code org.tdabench.benchmark.machine}), and the check that a
 * GPU build fails at once, naming the missing library, instead of silently running on the CPU.
 */
package org.tdabench.benchmark.doctor;
