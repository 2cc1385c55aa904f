package org.tdabench.benchmark.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tdabench.benchmark.run.WeightExport;
import org.tdabench.core.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tdabench export-weights --out FILE.safetensors}: the run's model under the reference's
 * PyTorch state-dict names and layouts, loadable with {@code load_state_dict(strict=True)} into
 * sony/mucs's DiT-EDM; {@code --probe N} adds inputs and this model's outputs to check a port with.
 */
@Command(name = "export-weights", mixinStandardHelpOptions = true,
    description = "Write the run's model as the reference's PyTorch state dict (safetensors; architecture and EDM "
        + "settings in its metadata), optionally with a probe file of inputs and this model's outputs.")
public final class ExportWeightsCommand implements Callable<Integer> {
  @Mixin
  RunOptions options;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .safetensors file to write.")
  Path out;

  @Option(names = "--weights", defaultValue = "attributed", description = "attributed (default: the run's "
      + "attributed model, trained unless stored), initial (its initialisation) or dense-random (every tensor "
      + "random, zero-initialised ones included: for numeric checks).")
  String weights;

  @Option(names = "--arch", paramLabel = "KEY=VALUE", description = "Architecture change for initial or "
      + "dense-random weights (repeatable): depth, width, heads, mlp_ratio, cond_width, extra_tokens.")
  List<String> arch = new java.util.ArrayList<>();

  @Option(names = "--probe", defaultValue = "0", paramLabel = "N", description = "Also write <out>.probe.safetensors: "
      + "N test images at sigmas from sigma_min to sigma_max, their noise, and this model's denoised output and "
      + "EDM loss (default 0: none).")
  int probe;

  @Override
  public Integer call() {
    if (!out.getFileName().toString().endsWith(".safetensors")) {
      throw new UserError("--out must name a .safetensors file, got " + out);
    }
    Map<String, Integer> a = new LinkedHashMap<>();
    for (String kv : arch) {
      int eq = kv.indexOf('=');
      try {
        if (eq <= 0) {
          throw new NumberFormatException(kv);
        }
        a.put(kv.substring(0, eq).trim(), Integer.parseInt(kv.substring(eq + 1).trim()));
      } catch (NumberFormatException e) {
        throw new UserError("--arch '" + kv + "' must look like key=integer, e.g. depth=2");
      }
    }
    WeightExport.Result r = WeightExport.export(options.config(Path.of(".")), WeightExport.Source.parse(weights), a,
        probe, out);
    System.out.println("architecture: " + r.arch());
    System.out.println("weights sha256: " + r.sha256());
    if (r.probe() != null) {
      System.out.println("probe: " + r.probe().toAbsolutePath());
    }
    System.out.println("parameters: " + r.parameters());
    System.out.println(r.weights().toAbsolutePath());
    return 0;
  }
}
