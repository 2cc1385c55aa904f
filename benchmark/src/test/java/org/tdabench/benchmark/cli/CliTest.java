package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Exit codes and one-line errors of the model and run commands. */
class CliTest {

  static Run run(String... args) {
    return Run.of(args);
  }

  static void assertOneLineError(Run r, String contains) {
    assertEquals(2, r.code(), r.err());
    String e = r.err().strip();
    assertTrue(e.startsWith("tdabench: "), e);
    assertEquals(1, e.lines().count(), "one line: " + e);
    assertTrue(e.contains(contains), e);
  }

  @Test
  void modelInfoPrintsTheReferenceParameterCountsLast() {
    for (String[] p : new String[][] {{"paper-cifar10", "99787890"}, {"paper-artbench10", "99975788"},
        {"paper-coco", "146574690"}}) {
      Run r = run("model-info", "--preset", p[0]);
      assertEquals(0, r.code(), r.err());
      String[] lines = r.out().strip().split("\n");
      assertEquals("parameters: " + p[1], lines[lines.length - 1]);
    }
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    assertOneLineError(run("model-info", "--preset", "huge"), "unknown preset 'huge'");
    assertOneLineError(run("run", "--preset", "nope"), "unknown preset 'nope'");
    assertOneLineError(run("run", "--preset", "tiny", "--methods", "pixel,bogus"), "unknown method 'bogus'");
    assertOneLineError(run("run", "--preset", "tiny", "--method-opt", "nodot"), "must look like method.option=value");
    assertOneLineError(run("run", "--preset", "tiny", "--workers", "0"), "--workers must be >= 1");
    assertOneLineError(run("bench", "model", "--steps", "0"), "must be >= 1");
    assertOneLineError(run("run", "--no-such-option"), "Unknown option");
  }

  @Test
  void everyCommandHasHelp() {
    for (String c : new String[] {"run", "train", "generate", "attribute", "lds", "ablate", "report", "slurm",
        "methods", "model-info", "compare", "fetch", "prepare", "job", "export"}) {
      Run r = run(c, "--help");
      assertEquals(0, r.code(), c + ": " + r.err());
      assertTrue(r.out().contains("Usage: tdabench " + c), c + ": " + r.out());
    }
    Run b = run("bench", "model", "--help");
    assertEquals(0, b.code());
  }

  @Test
  void methodsListsTheBaselines() {
    Run r = run("methods");
    assertEquals(0, r.code());
    for (String m : new String[] {"random", "pixel", "condition", "feature", "dit-feature"}) {
      assertTrue(r.out().contains(m), r.out());
    }
  }
}
