package org.tdabench.benchmark.store;

import java.util.Map;
import org.tdabench.benchmark.machine.CpuInfo;
import org.tdabench.benchmark.machine.Fingerprint;

/**
 * The machine an artifact was computed on, recorded in its sidecar: the short fingerprint hash
 * (equal fingerprints and equal recipes give equal bits) and the readable fields behind it.
 *
 * @param fingerprint {@link Fingerprint#hash()}
 * @param cpu the processor as TensorFlow's kernels see it
 * @param cores processors available to the JVM
 * @param os operating system name, version and architecture
 * @param java JVM version and vendor
 * @param tensorflow the TensorFlow build
 * @param numerics the numerics environment variables (TF_*, ONEDNN_*, ...)
 * @param portable whether portable numerics (oneDNN capped at AVX2) was in force
 */
public record Machine(String fingerprint, CpuInfo cpu, int cores, String os, String java, String tensorflow,
    Map<String, String> numerics, boolean portable) {

  /** This JVM's machine. */
  public static Machine current() {
    Fingerprint f = Fingerprint.current();
    return new Machine(f.hash(), f.cpu(), Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        f.java(), f.tensorflow(), f.numerics(), f.portable());
  }
}
