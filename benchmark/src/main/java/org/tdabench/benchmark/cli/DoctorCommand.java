package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.doctor.GpuLibraries;
import org.tdabench.benchmark.doctor.TensorFlowDevices;
import org.tdabench.benchmark.exec.CostTable;
import org.tdabench.benchmark.machine.CpuInfo;
import org.tdabench.benchmark.machine.Fingerprint;
import org.tdabench.benchmark.machine.NumericsEnvironment;
import org.tdabench.benchmark.machine.TensorFlowBuild;
import org.tdabench.benchmark.store.Machine;
import picocli.CommandLine.Command;

/**
 * {@code tdabench doctor}: what TensorFlow sees on this machine (build, devices, CUDA and cuDNN or why
 * not, instruction set, threads, numerics flags) and the machine fingerprint results are recorded
 * with. Run it on a compute node ({@code srun tdabench doctor}) before planning GPU work.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Print what TensorFlow sees here: its build (CPU or GPU), devices, the CUDA and cuDNN libraries "
        + "(or why not), the CPU's instruction-set extensions, thread settings and the machine fingerprint.")
public final class DoctorCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    boolean gpuBuild = GpuLibraries.gpuBuild();
    Runtime rt = Runtime.getRuntime();
    line("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
        + System.getProperty("java.home") + ", heap up to " + CostTable.bytes(rt.maxMemory()));
    line("build", TensorFlowBuild.describe() + (gpuBuild ? ": the GPU build (-Pgpu), needs CUDA 12 and cuDNN 9"
        : ": the CPU build, no CUDA; for GPUs build with -Pgpu"));
    List<Path> search = GpuLibraries.searchPath();
    Optional<String> problem = GpuLibraries.problem(search, false);
    if (gpuBuild) {
      List<String> found = new ArrayList<>();
      for (Map.Entry<String, Optional<Path>> e : GpuLibraries.locate(search).entrySet()) {
        found.add(e.getKey() + e.getValue().map(p -> " " + GpuLibraries.version(p) + " (" + p.getParent() + ")")
            .orElse(" MISSING"));
      }
      line("cuda/cudnn", String.join(", ", found));
      problem.ifPresent(p -> line("problem", p + ": " + GpuLibraries.advice()));
    } else {
      line("cuda/cudnn", "not used by the CPU build" + problem.map(p -> "; a GPU build would fail here: " + p)
          .orElse("; every library a GPU build needs is present"));
    }
    try {
      line("tensorflow", TensorFlowDevices.version());
      for (TensorFlowDevices.Device d : TensorFlowDevices.list()) {
        line("device", d.name() + " (" + d.type() + (d.memoryBytes() > 0 ? ", " + CostTable.bytes(d.memoryBytes()) : "")
            + ")");
      }
    } catch (RuntimeException | LinkageError e) {
      line("tensorflow", "could not start: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()));
    }
    CpuInfo cpu = CpuInfo.current();
    line("cpu", cpu.modelName() + " (" + cpu.vendor() + " family " + cpu.family() + " model " + cpu.model() + "), "
        + rt.availableProcessors() + " processors available to the JVM");
    line("isa", cpu.isa().isEmpty() ? "unknown (no /proc/cpuinfo)" : String.join(" ", cpu.isa()));
    String slurmCpus = System.getenv("SLURM_CPUS_PER_TASK");
    line("threads", "every job uses 1 TensorFlow intra-op thread and 1 inter-op thread unless planned with --threads N "
        + "(slurm: --cpus N); in-process runs start one job per core" + (slurmCpus == null ? ""
            : "; this Slurm task has " + slurmCpus + " CPUs"));
    NumericsEnvironment numerics = NumericsEnvironment.current();
    line("numerics", (numerics.variables().isEmpty() ? "no numerics variables" : numerics.variables().toString())
        + (numerics.deviations().isEmpty() ? "" : "; differs from the defaults: " + numerics.deviations()));
    line("fingerprint", fingerprint());
    return 0;
  }

  /** The machine fingerprint every artifact's sidecar records ({@link Machine#fingerprint()}), with what it covers. */
  static String fingerprint() {
    return Fingerprint.current().describe();
  }

  private static void line(String key, String value) {
    System.out.printf(Locale.ROOT, "%-12s %s%n", key + ":", value);
  }
}
