package org.tdabench.benchmark.machine;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.tdabench.core.Hashing;

/**
 * Everything outside a recipe that can change the bits of a result: the processor as TensorFlow's
 * kernels see it ({@link CpuInfo}: vendor, family, model, stepping, dispatch flags, caches), the
 * TensorFlow build, the JVM (its math intrinsics), the architecture and the numerics environment
 * ({@link NumericsEnvironment}). Thread counts are part of every recipe instead. Two runs with the
 * same recipes and the same fingerprint give identical results; with different fingerprints they
 * are compared statistically.
 *
 * <p>Under portable numerics (oneDNN capped at AVX2) the model, stepping and the flags above the cap
 * no longer select kernels, so they are left out: the fingerprint keeps the vendor, whether the CPU
 * has AVX2 and FMA, and the cache sizes (oneDNN's gemm blocking reads them).
 *
 * @param hash short hash (16 hex digits) of the fields below
 * @param cpu the processor
 * @param tensorflow the TensorFlow build ({@link TensorFlowBuild#describe()})
 * @param java JVM version and vendor
 * @param osArch the JVM's os.arch
 * @param numerics the numerics environment variables
 * @param portable whether portable numerics is in force
 */
public record Fingerprint(String hash, CpuInfo cpu, String tensorflow, String java, String osArch,
    Map<String, String> numerics, boolean portable) {

  private static volatile Fingerprint current;

  public Fingerprint {
    numerics = Collections.unmodifiableMap(new TreeMap<>(numerics));
  }

  /** This process's fingerprint (computed once). */
  public static Fingerprint current() {
    Fingerprint f = current;
    if (f == null) {
      f = of(CpuInfo.current(), TensorFlowBuild.describe(),
          System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")",
          System.getProperty("os.arch"), NumericsEnvironment.current());
      current = f;
    }
    return f;
  }

  public static Fingerprint of(CpuInfo cpu, String tensorflow, String java, String osArch, NumericsEnvironment env) {
    boolean portable = env.portable();
    StringBuilder sb = new StringBuilder();
    if (portable) {
      sb.append("portable|").append(cpu.vendor()).append('|').append(cpu.has("avx2", "fma"));
    } else {
      sb.append(cpu.vendor()).append('|').append(cpu.family()).append('|').append(cpu.model()).append('|')
          .append(cpu.stepping()).append('|').append(String.join(",", cpu.isa()));
    }
    sb.append('|').append(new TreeMap<>(cpu.caches()));
    sb.append('|').append(tensorflow).append('|').append(java).append('|').append(osArch);
    sb.append('|').append(env.variables());
    return new Fingerprint(Hashing.sha256Hex(sb.toString()).substring(0, 16), cpu, tensorflow, java, osArch,
        env.variables(), portable);
  }

  /** Readable summary for reports and {@code --version}. */
  public String describe() {
    return hash + ": " + cpu.describe() + "; " + tensorflow + "; Java " + java + "; " + osArch + "; "
        + (numerics.isEmpty() ? "no numerics variables" : numerics.toString()) + (portable ? "; portable numerics" : "");
  }
}
