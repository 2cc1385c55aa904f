package org.tdabench.benchmark.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.tdabench.benchmark.machine.TensorFlowBuild;
import org.tdabench.core.UserError;

/**
 * The shared libraries TensorFlow 2.18's GPU build needs (CUDA 12 and cuDNN 9, plus the NVIDIA
 * driver's libcuda), where they are on this machine, and the check that fails a GPU build with one
 * line naming the first missing one. The GPU build opens them itself when it starts; without them it
 * would quietly run everything on the CPU.
 */
public final class GpuLibraries {
  private GpuLibraries() {}

  /** Soname -> what it is, in the order they are checked. */
  public static final Map<String, String> REQUIRED = requiredLibraries();

  private static Map<String, String> requiredLibraries() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("libcuda.so.1", "the NVIDIA driver");
    m.put("libcudart.so.12", "the CUDA 12 runtime");
    m.put("libcublas.so.12", "cuBLAS for CUDA 12");
    m.put("libcublasLt.so.12", "cuBLASLt for CUDA 12");
    m.put("libcufft.so.11", "cuFFT for CUDA 12");
    m.put("libcurand.so.10", "cuRAND for CUDA 12");
    m.put("libcusolver.so.11", "cuSOLVER for CUDA 12");
    m.put("libcusparse.so.12", "cuSPARSE for CUDA 12");
    m.put("libcudnn.so.9", "cuDNN 9");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Folders searched when the dynamic linker's cache does not list a library. */
  static final List<String> STANDARD_DIRS = List.of("/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
      "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/nvidia/lib64", "/usr/lib/wsl/lib");

  /** True when TensorFlow's GPU native build is on the class path (Maven profile {@code -Pgpu}). */
  public static boolean gpuBuild() {
    return TensorFlowBuild.classifier().endsWith("-gpu");
  }

  /** Every required library and where it was found (empty: not found), searching {@code dirs} in order. */
  public static Map<String, Optional<Path>> locate(List<Path> dirs) {
    Map<String, Optional<Path>> out = new LinkedHashMap<>();
    for (String lib : REQUIRED.keySet()) {
      Optional<Path> found = Optional.empty();
      for (Path d : dirs) {
        Path p = d.resolve(lib);
        if (Files.exists(p)) {
          found = Optional.of(p);
          break;
        }
      }
      out.put(lib, found);
    }
    return out;
  }

  /** The folders the dynamic linker would search: LD_LIBRARY_PATH, its cache's folders, the usual ones. */
  public static List<Path> searchPath() {
    List<Path> dirs = new ArrayList<>();
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String d : ld.split(":")) {
        if (!d.isBlank()) {
          dirs.add(Path.of(d));
        }
      }
    }
    for (String d : ldconfigFolders()) {
      dirs.add(Path.of(d));
    }
    for (String d : STANDARD_DIRS) {
      dirs.add(Path.of(d));
    }
    return dirs.stream().distinct().toList();
  }

  /** Folders of the libraries in the dynamic linker's cache ({@code ldconfig -p}), if it can be read. */
  private static List<String> ldconfigFolders() {
    List<String> dirs = new ArrayList<>();
    for (String exe : new String[] {"/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"}) {
      try {
        Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
          continue;
        }
        for (String line : out.split("\n")) {
          int arrow = line.indexOf("=> ");
          if (arrow > 0 && REQUIRED.containsKey(line.strip().split("\\s+")[0])) {
            Path parent = Path.of(line.substring(arrow + 3).strip()).getParent();
            if (parent != null && !dirs.contains(parent.toString())) {
              dirs.add(parent.toString());
            }
          }
        }
        return dirs;
      } catch (IOException e) {
        // try the next location
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return dirs;
      }
    }
    return dirs;
  }

  /**
   * The one-line reason a GPU build cannot use the GPU here (the first missing library, or one that
   * does not load), or empty when every required library is there and loads.
   */
  public static Optional<String> problem(List<Path> dirs, boolean tryLoading) {
    for (Map.Entry<String, Optional<Path>> e : locate(dirs).entrySet()) {
      String lib = e.getKey();
      if (e.getValue().isEmpty()) {
        return Optional.of(lib + " (" + REQUIRED.get(lib) + ") is not on the library path (searched LD_LIBRARY_PATH, "
            + "the ldconfig cache and " + STANDARD_DIRS.get(0) + ")");
      }
      if (tryLoading) {
        try {
          System.load(e.getValue().get().toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError err) {
          return Optional.of(lib + " (" + REQUIRED.get(lib) + ") at " + e.getValue().get() + " does not load ("
              + String.valueOf(err.getMessage()).lines().findFirst().orElse("") + ")");
        }
      }
    }
    return Optional.empty();
  }

  /** What to do about {@link #problem}: install, or run the CPU build. */
  public static String advice() {
    return "install CUDA 12 and cuDNN 9 (or add their lib folders to LD_LIBRARY_PATH), or run on the CPU with the "
        + "default build (mvn -DskipTests package, without -Pgpu)";
  }

  /** Fails with one line when this is the GPU build and a required library is missing. */
  public static void requireForGpuBuild() {
    if (!gpuBuild()) {
      return;
    }
    problem(searchPath(), true).ifPresent(p -> {
      throw new UserError("this is TensorFlow's GPU build (-Pgpu) but " + p + ": " + advice());
    });
  }

  /** The version in a library's resolved file name (libcudnn.so.9.1.0 -> "9.1.0"), or the soname's. */
  public static String version(Path lib) {
    Path real;
    try {
      real = lib.toRealPath();
    } catch (IOException e) {
      real = lib;
    }
    String name = real.getFileName().toString();
    int so = name.indexOf(".so.");
    return so < 0 ? "?" : name.substring(so + 4);
  }
}
