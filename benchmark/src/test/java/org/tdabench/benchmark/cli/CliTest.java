package org.tdabench.benchmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void modelInfoPrintsTheModelAsBoundToItsDataset(@TempDir Path dir) {
    // The paper presets on their datasets (planned, nothing downloaded): CIFAR-10's labels are not
    // fed to its unconditional model.
    for (String[] p : new String[][] {{"paper-cifar10", "cifar10", "99787890", "unconditional"},
        {"paper-artbench10", "artbench10", "99975788", "10-d conditions"},
        {"paper-coco", "coco", "146574690", "768-d conditions"}}) {
      Run r = run("model-info", "--preset", p[0], "--dataset", p[1], "--cache", dir.toString());
      assertEquals(0, r.code(), r.err());
      String[] lines = r.out().strip().split("\n");
      assertEquals("parameters: " + p[2], lines[lines.length - 1], r.out());
      assertTrue(r.out().contains("bound to: " + p[1] + " (" + p[3] + ")"), r.out());
    }
    assertFalse(Files.exists(dir.resolve("prepared")), "model-info prepares nothing");
  }

  @Test
  void exportWeightsWritesTheReferenceStateDictAndAProbe(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("m.safetensors");
    Run r = run("export-weights", "--preset", "tiny", "--cache", dir.resolve("cache").toString(), "--weights",
        "dense-random", "--arch", "depth=1", "--probe", "3", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    var c = org.tdabench.benchmark.export.Safetensors.read(out);
    assertTrue(c.tensors().containsKey("dit_backbone.0.attention.qkv.weight"));
    assertFalse(c.tensors().containsKey("dit_backbone.1.attention.qkv.weight"), "depth=1");
    assertTrue(c.tensors().containsKey("pos_enc.emb") && c.tensors().containsKey("s_embedder.freq"));
    assertTrue(c.metadata().get("tdabench.arch").contains("\"num_blocks\":1"), c.metadata().toString());
    var probe = org.tdabench.benchmark.export.Safetensors.read(dir.resolve("m.probe.safetensors"));
    assertEquals(java.util.Set.of("x", "eps", "sigma", "y", "denoised", "loss"), probe.tensors().keySet());
    assertEquals(3, probe.tensors().get("loss").values().length);
    for (float l : probe.tensors().get("loss").values()) {
      assertTrue(l > 0 && Float.isFinite(l));
    }
    assertOneLineError(run("export-weights", "--preset", "tiny", "--cache", dir.resolve("cache").toString(), "--arch",
        "depth=1", "--out", dir.resolve("a.safetensors").toString()), "needs --weights initial or dense-random");
    assertOneLineError(run("export-weights", "--preset", "tiny", "--out", dir.resolve("a.npy").toString()),
        "must name a .safetensors file");
  }

  @Test
  void badInputIsOneLineAndExitTwo() {
    assertOneLineError(run("model-info", "--preset", "huge"), "unknown preset 'huge'");
    assertOneLineError(run("run", "--preset", "nope"), "unknown preset 'nope'");
    assertOneLineError(run("run", "--preset", "tiny", "--methods", "pixel,bogus"), "unknown method 'bogus'");
    assertOneLineError(run("run", "--preset", "tiny", "--method-opt", "nodot"), "must look like method.option=value");
    assertOneLineError(run("run", "--preset", "tiny", "--workers", "0"), "--workers must be >= 1");
    assertOneLineError(run("bench", "model", "--steps", "0"), "must be >= 1");
    assertOneLineError(run("bench", "ensemble", "--preset", "tiny", "--train", "64", "--members", "6"),
        "6 members give only C(6, 3) = 20 distinct codes, fewer than the 64 training samples: use at least 8");
    assertOneLineError(run("run", "--no-such-option"), "Unknown option");
  }

  @Test
  void anEmptyMethodListIsAnErrorInEveryCommandThatTakesOne(@TempDir Path dir) {
    Path cache = dir.resolve("cache");
    String[][] commands = {{"run"}, {"train"}, {"generate"}, {"attribute"}, {"lds"}, {"ablate"}, {"report"},
        {"slurm", "--scripts", dir.resolve("scripts").toString()}, {"export", "--out", dir.resolve("x").toString()}};
    for (String[] c : commands) {
      for (String[] value : new String[][] {{"--methods="}, {"--methods", " "}, {"--methods", " , "}}) {
        String[] args = java.util.stream.Stream.of(c, value, new String[] {"--preset", "tiny", "--cache",
            cache.toString()}).flatMap(java.util.Arrays::stream).toArray(String[]::new);
        assertOneLineError(run(args), "--methods names no method");
      }
    }
    assertFalse(Files.exists(cache), "nothing prepared, trained or stored");
    assertOneLineError(run("run", "--preset", "tiny", "--cache", cache.toString(), "--methods", "all,bogus"),
        "unknown method 'all'");
  }

  @Test
  void badMethodOptionsFailBeforeAnyWork(@TempDir Path dir) {
    Path cache = dir.resolve("cache");
    String[][] cases = {
        {"mucs.num_noises=-3", "option mucs.num_noises=-3 is invalid"},
        {"mucs.nosuch=1", "method 'mucs' has no option 'nosuch'"},
        {"foo.x=1", "unknown method 'foo'"},
        {"ensemble-rank.members=pixel", "expected at least two methods"},
        {"encoded-ensemble.variant=exact", "expected jacobian or loss"},
        {"dtrak.output=zz", "expected f or eps"},
        {"tracin.target_sigmas=0", "option tracin.target_sigmas=0 is invalid"},
        {"dit-feature.sigma=0", "option dit-feature.sigma=0 is invalid"},
        {"abu.unlearn_lr=x", "option abu.unlearn_lr=x is invalid"}};
    for (String[] c : cases) {
      assertOneLineError(run("run", "--preset", "tiny", "--cache", cache.toString(), "--out", dir.toString(),
          "--method-opt", c[0]), c[1]);
    }
    assertFalse(Files.exists(cache), "nothing prepared, trained or stored");
  }

  @Test
  void everyCommandHasHelp() {
    for (String c : new String[] {"run", "train", "generate", "attribute", "lds", "ablate", "report", "slurm", "doctor",
        "methods", "model-info", "compare", "fetch", "prepare", "job", "export", "export-weights"}) {
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
