package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherTest {
  @Test
  void childEnvironmentPinsWhatIsUnsetAndKeepsTheUsersValues() {
    Map<String, String> add = Launcher.childEnvironment(new String[] {"run"}, Map.of("TF_ENABLE_ONEDNN_OPTS", "1"));
    assertFalse(add.containsKey("TF_ENABLE_ONEDNN_OPTS"), "the user's value stays (and is recorded and warned about)");
    assertEquals("1", add.get("TF_DETERMINISTIC_OPS"));
    assertEquals("2", add.get("TF_CPP_MIN_LOG_LEVEL"));
    assertEquals("1", add.get(Launcher.CHILD));
    assertEquals(Long.toString(ProcessHandle.current().pid()), add.get(Launcher.LAUNCHER_PID));
    assertFalse(add.containsKey("ONEDNN_MAX_CPU_ISA"));
    Map<String, String> portable = Launcher.childEnvironment(new String[] {"run", "--portable-numerics"}, Map.of());
    assertEquals("AVX2", portable.get("ONEDNN_MAX_CPU_ISA"));
    assertEquals("1", portable.get("TDABENCH_PORTABLE_NUMERICS"));
    assertEquals("0", Launcher.childEnvironment(new String[] {"run", "--verbose"}, Map.of()).get("TF_CPP_MIN_LOG_LEVEL"));
    assertFalse(Launcher.hasFlag(new String[] {"run", "--", "--debug"}, "--debug"), "after -- nothing is an option");
  }

  static String filter(String in, int chunk) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeLogFilter f = new NativeLogFilter(new ByteArrayInputStream(new byte[0]), out);
    byte[] b = in.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < b.length; i += chunk) {
      byte[] part = java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + chunk));
      f.write(part, part.length);
    }
    f.end();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void nativeLogLinesAreDroppedAndEverythingElsePasses() throws Exception {
    String in = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n"
        + "I0000 00:00:1795765657.197306    2512 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled\n"
        + "tdabench: preset tiny\n"
        + "W0000 00:00:1795765657.1  12 cpu_feature_guard.cc:210] This TensorFlow binary is optimized\n"
        + "E0000 00:00:1.0 1 foo.cc:1] a native error stays\n"
        + "jobs  40% [====>    ] 2/5\rjobs  60% [======>  ] 3/5\r"
        + "Iteration 3 is not a log line\n";
    String expected = "tdabench: preset tiny\nE0000 00:00:1.0 1 foo.cc:1] a native error stays\n"
        + "jobs  40% [====>    ] 2/5\rjobs  60% [======>  ] 3/5\rIteration 3 is not a log line\n";
    for (int chunk : new int[] {1, 3, 7, 4096}) {
      assertEquals(expected, filter(in, chunk), "chunk " + chunk);
    }
  }

  @Test
  void progressRedrawsPassWithoutWaitingForANewline() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NativeLogFilter f = new NativeLogFilter(new ByteArrayInputStream(new byte[0]), out);
    byte[] bar = "jobs  40% [====>".getBytes(StandardCharsets.UTF_8);
    f.write(bar, bar.length);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("jobs  40%"), "no line end needed to pass");
  }
}
