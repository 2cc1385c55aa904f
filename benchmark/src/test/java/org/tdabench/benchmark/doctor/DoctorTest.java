package org.tdabench.benchmark.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GPU library check (with stand-in library folders) and what TensorFlow lists here. */
class DoctorTest {
  @TempDir Path dir;

  @Test
  void theFirstMissingGpuLibraryIsNamedWithWhatItIs() throws Exception {
    Path a = Files.createDirectories(dir.resolve("cuda"));
    Path b = Files.createDirectories(dir.resolve("driver"));
    Optional<String> none = GpuLibraries.problem(List.of(a, b), false);
    assertTrue(none.orElseThrow().startsWith("libcuda.so.1 (the NVIDIA driver) is not on the library path"), none.get());
    Files.writeString(b.resolve("libcuda.so.1"), "");
    for (String lib : GpuLibraries.REQUIRED.keySet()) {
      if (!lib.equals("libcuda.so.1") && !lib.equals("libcudnn.so.9")) {
        Files.writeString(a.resolve(lib), "");
      }
    }
    Optional<String> cudnn = GpuLibraries.problem(List.of(a, b), false);
    assertTrue(cudnn.orElseThrow().startsWith("libcudnn.so.9 (cuDNN 9) is not on the library path"), cudnn.get());
    Path real = a.resolve("libcudnn.so.9.1.0");
    Files.writeString(real, "");
    Files.createSymbolicLink(a.resolve("libcudnn.so.9"), real);
    assertEquals(Optional.empty(), GpuLibraries.problem(List.of(a, b), false));
    assertEquals("9.1.0", GpuLibraries.version(a.resolve("libcudnn.so.9")));
    assertEquals(a.resolve("libcudnn.so.9"), GpuLibraries.locate(List.of(b, a)).get("libcudnn.so.9").orElseThrow());
    assertTrue(GpuLibraries.advice().contains("without -Pgpu"));
  }

  @Test
  void theCpuBuildPassesThePreflightAndHelpNeverChecks() {
    assertFalse(GpuLibraries.gpuBuild(), "the tests run the CPU build");
    assertEquals(0, Preflight.check(new String[] {"run", "--preset", "tiny"}));
    assertEquals(0, Preflight.check(new String[] {"doctor"}));
    assertEquals(0, Preflight.check(new String[0]));
    assertEquals(0, Preflight.check(new String[] {"--debug", "doctor"}));
  }

  @Test
  void tensorFlowListsItsCpu() {
    List<TensorFlowDevices.Device> devices = TensorFlowDevices.list();
    assertTrue(devices.stream().anyMatch(d -> d.type().equals("CPU") && d.name().endsWith("device:CPU:0")),
        devices.toString());
    assertTrue(TensorFlowDevices.version().startsWith("2."), TensorFlowDevices.version());
  }
}
