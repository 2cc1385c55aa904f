package org.tdabench.benchmark.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MachineTest {
  static CpuInfo cpu(String model, String... flags) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("vendor_id", "GenuineIntel");
    f.put("cpu family", "6");
    f.put("model", model);
    f.put("stepping", "4");
    f.put("model name", "Some Xeon");
    f.put("flags", "fpu aes rdrand " + String.join(" ", flags));
    return CpuInfo.parse(f, Map.of("L1d", 49152L, "L2", 2097152L));
  }

  @Test
  void cpuKeepsOnlyDispatchFlags() {
    CpuInfo c = cpu("85", "avx2", "fma", "avx512f", "sse4_2");
    assertEquals(List.of("avx2", "avx512f", "fma", "sse4_2"), c.isa());
    assertTrue(c.has("avx2", "fma"));
    assertFalse(c.has("avx512bw"));
    assertTrue(c.describe().contains("GenuineIntel family 6 model 85 stepping 4") && c.describe().contains("L2=2048K"),
        c.describe());
  }

  @Test
  void numericsEnvironmentKeepsWhatChangesBits() {
    Map<String, String> env = Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS", "1",
        "TF_CPP_MIN_LOG_LEVEL", "2", "TF_CLI_CONFIG_FILE", "/x/.terraformrc", "TF_VAR_region", "eu", "HOME", "/root",
        "ONEDNN_VERBOSE", "0", "OMP_NUM_THREADS", "4");
    NumericsEnvironment n = NumericsEnvironment.of(env);
    assertEquals(Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS", "1", "ONEDNN_VERBOSE", "0",
        "OMP_NUM_THREADS", "4"), n.variables());
    assertFalse(n.pinned(), "OMP and ONEDNN variables are not the pinned default");
    NumericsEnvironment pinned = NumericsEnvironment.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS", "1",
        "TF_CPP_MIN_LOG_LEVEL", "2", "TF_CLI_ARGS", "-no-color"));
    assertTrue(pinned.pinned());
    assertEquals("", pinned.deviations());
    NumericsEnvironment onednn = NumericsEnvironment.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "1"));
    assertEquals("TF_DETERMINISTIC_OPS=(unset), TF_ENABLE_ONEDNN_OPTS=1", onednn.deviations());
    NumericsEnvironment portable = NumericsEnvironment.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS",
        "1", "ONEDNN_MAX_CPU_ISA", "avx2", "TDABENCH_PORTABLE_NUMERICS", "1"));
    assertTrue(portable.portable() && portable.pinned(), "portable numerics is a documented pinned setting");
    NumericsEnvironment capped = NumericsEnvironment.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS",
        "1", "ONEDNN_MAX_CPU_ISA", "AVX2"));
    assertFalse(capped.portable() || capped.pinned(), "a bare ISA cap is a deviation");
    assertEquals("AVX2", capped.isaCap().orElseThrow());
  }

  @Test
  void fingerprintSeesTheCpuTheBuildAndTheEnvironment() {
    NumericsEnvironment env = NumericsEnvironment.of(NumericsEnvironment.PINNED);
    Fingerprint a = Fingerprint.of(cpu("85", "avx2", "fma", "avx512f"), "tf 1", "17", "amd64", env);
    assertEquals(16, a.hash().length());
    assertEquals(a, Fingerprint.of(cpu("85", "avx2", "fma", "avx512f"), "tf 1", "17", "amd64", env));
    assertNotEquals(a.hash(), Fingerprint.of(cpu("106", "avx2", "fma", "avx512f"), "tf 1", "17", "amd64", env).hash(),
        "another CPU model");
    assertNotEquals(a.hash(), Fingerprint.of(cpu("85", "avx2", "fma"), "tf 1", "17", "amd64", env).hash(),
        "another instruction set");
    assertNotEquals(a.hash(), Fingerprint.of(cpu("85", "avx2", "fma", "avx512f"), "tf 2", "17", "amd64", env).hash(),
        "another TensorFlow build");
    NumericsEnvironment onednn = NumericsEnvironment.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "1", "TF_DETERMINISTIC_OPS", "1"));
    assertNotEquals(a.hash(), Fingerprint.of(cpu("85", "avx2", "fma", "avx512f"), "tf 1", "17", "amd64", onednn).hash(),
        "another numerics environment");
    // Portable numerics: model and flags above AVX2 no longer select kernels.
    NumericsEnvironment portable = NumericsEnvironment.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS",
        "1", "ONEDNN_MAX_CPU_ISA", "AVX2", "TDABENCH_PORTABLE_NUMERICS", "1"));
    Fingerprint p1 = Fingerprint.of(cpu("85", "avx2", "fma", "avx512f"), "tf 1", "17", "amd64", portable);
    Fingerprint p2 = Fingerprint.of(cpu("106", "avx2", "fma"), "tf 1", "17", "amd64", portable);
    assertTrue(p1.portable());
    assertEquals(p1.hash(), p2.hash());
  }
}
