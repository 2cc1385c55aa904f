package org.tdabench.benchmark.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The machine an artifact was computed on, recorded in its sidecar: TensorFlow's results depend on
 * the CPU (instruction set), the thread counts and the oneDNN/determinism flags, so
 * every number must be traceable to them.
 *
 * @param cpuModel the CPU model name, or the architecture when it cannot be read
 * @param cores processors available to the JVM
 * @param os operating system name and version
 * @param javaVersion JVM version and vendor
 * @param tfEnableOnednnOpts the TF_ENABLE_ONEDNN_OPTS environment variable, or "unset"
 * @param tfDeterministicOps the TF_DETERMINISTIC_OPS environment variable, or "unset"
 */
public record Machine(String cpuModel, int cores, String os, String javaVersion, String tfEnableOnednnOpts,
    String tfDeterministicOps) {

  /** This JVM's machine. */
  public static Machine current() {
    return new Machine(
        readCpuModel(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        env("TF_ENABLE_ONEDNN_OPTS"),
        env("TF_DETERMINISTIC_OPS"));
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null ? "unset" : v;
  }

  private static String readCpuModel() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.isReadable(cpuinfo)) {
      try (Stream<String> lines = Files.lines(cpuinfo)) {
        String found = lines.filter(l -> l.startsWith("model name"))
            .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(null);
        if (found != null && !found.isEmpty()) {
          return found;
        }
      } catch (IOException | RuntimeException e) {
        // fall through to the architecture
      }
    }
    return System.getProperty("os.arch");
  }
}
