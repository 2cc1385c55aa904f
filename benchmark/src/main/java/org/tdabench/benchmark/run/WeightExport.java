package org.tdabench.benchmark.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tdabench.benchmark.export.Safetensors;
import org.tdabench.core.CounterRng;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;
import org.tdabench.models.config.DitEdmConfig;
import org.tdabench.models.nn.DitEdmParams;
import org.tdabench.models.nn.ParamSpec;
import org.tdabench.models.nn.ParamTable;
import org.tdabench.models.nn.TorchStateDict;

/**
 * {@code tdabench export-weights}: a run's model as the reference's PyTorch state dict
 * ({@link TorchStateDict}) in a safetensors file, whose metadata holds the architecture and EDM
 * settings; optionally a probe file beside it, the same inputs through this model with its
 * outputs, so that a PyTorch port (or the reference itself, tools/parity) can be checked against
 * it number for number.
 */
public final class WeightExport {
  private WeightExport() {}

  /** Which weights to export. */
  public enum Source {
    /** The run's attributed model: the main model's best-epoch EMA (trained unless stored). */
    ATTRIBUTED,
    /** The initialisation that model's training starts from (zero-initialised layers are zero). */
    INITIAL,
    /**
     * Every tensor random, zero-initialised ones included (U(+-1/sqrt(fan_in)), norms 1 +
     * U(+-0.1)), so that every path of the network contributes: for numeric checks.
     */
    DENSE_RANDOM;

    public static Source parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new UserError("--weights must be attributed, initial or dense-random, got '" + s + "'");
      }
    }
  }

  /**
   * What was written.
   *
   * @param probe the probe file, or null
   * @param arch the exported architecture
   */
  public record Result(Path weights, Path probe, DitEdmConfig arch, long parameters, String sha256) {}

  /** The names {@code --arch KEY=VALUE} accepts. */
  static final java.util.List<String> ARCH_KEYS = java.util.List.of("depth", "width", "heads", "mlp_ratio",
      "cond_width", "extra_tokens");

  public static Result export(RunConfig cfg, Source source, Map<String, Integer> arch, int probe, Path out) {
    if (probe < 0) {
      throw new UserError("--probe must be >= 0, got " + probe);
    }
    if (!arch.isEmpty() && source == Source.ATTRIBUTED) {
      throw new UserError("--arch changes the architecture, so it needs --weights initial or dense-random");
    }
    RunContext ctx = RunContext.open(cfg);
    DitEdmConfig a = withArch(ctx.model.arch(), arch);
    ModelSpec spec = new ModelSpec(a, ctx.model.edm(), ctx.model.sampler());
    ParamTable table = DitEdmParams.of(a);
    SeedTree init = ctx.seeds.child(TargetStage.mainModel(ctx, 0).seedPath()).child("model");
    ModelWeights w = switch (source) {
      case ATTRIBUTED -> TrainStage.ema(TrainStage.train(ctx, TargetStage.mainModel(ctx, 0)));
      case INITIAL -> ModelWeights.initial(table, init);
      case DENSE_RANDOM -> denseRandom(table, ctx.seeds.child("export").child("dense-random"));
    };
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("format", "pt");
    meta.put("tdabench.model", "DiT-EDM (sony/mucs models/dit_edm.py)");
    meta.put("tdabench.weights", source.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    meta.put("tdabench.preset", cfg.preset());
    meta.put("tdabench.dataset", cfg.effectiveDataset());
    meta.put("tdabench.arch", json(archMap(a)));
    meta.put("tdabench.edm", json(Map.of("sigma_data", spec.edm().sigmaData(), "p_mean", spec.edm().pMean(),
        "p_std", spec.edm().pStd(), "p_drop_cond", spec.edm().condDropout())));
    Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
    TorchStateDict.of(a, w).forEach((k, v) -> tensors.put(k, new Safetensors.Tensor(v.values(), v.shape())));
    Path probeFile = probe == 0 ? null : probePath(out);
    try {
      Safetensors.write(out, tensors, meta);
      if (probeFile != null) {
        Safetensors.write(probeFile, probe(ctx, spec, w, probe), Map.of("format", "pt",
            "tdabench.layout", "x, eps, denoised: N x C x H x W; sigma, loss: N; y: N x cond_dim",
            "tdabench.loss", "per sample: lambda(sigma) mean over pixels of (D(x + sigma eps; sigma) - x)^2"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
    return new Result(out, probeFile, a, table.count(), w.sha256());
  }

  /** {@code model.safetensors} -> {@code model.probe.safetensors}. */
  static Path probePath(Path out) {
    String name = out.getFileName().toString();
    String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
    return out.resolveSibling(stem + ".probe.safetensors");
  }

  static DitEdmConfig withArch(DitEdmConfig c, Map<String, Integer> o) {
    for (String k : o.keySet()) {
      if (!ARCH_KEYS.contains(k)) {
        throw new UserError("--arch has no key '" + k + "'; known keys: " + String.join(", ", ARCH_KEYS));
      }
    }
    return new DitEdmConfig(c.imageChannels(), c.imageHeight(), c.imageWidth(), c.condDim(), c.frontendChannels(),
        c.frontendResample(), c.frontendKernel(), c.lastFactor(), c.patch(),
        o.getOrDefault("extra_tokens", c.extraTokens()), o.getOrDefault("width", c.width()),
        o.getOrDefault("depth", c.depth()), o.getOrDefault("heads", c.heads()), o.getOrDefault("mlp_ratio", c.mlpRatio()),
        c.dropout(), o.getOrDefault("cond_width", c.condWidth()), c.fourierFeatures()).validate();
  }

  /** The architecture in the reference config's terms (configs/*_dit_edm.yaml, model.arch). */
  static Map<String, Object> archMap(DitEdmConfig c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("image_size", new int[] {c.imageChannels(), c.imageHeight(), c.imageWidth()});
    m.put("label_dim", c.condDim());
    m.put("unconditional", c.unconditional());
    m.put("frontend_channels", c.frontendChannels());
    m.put("frontend_resample", c.frontendResample());
    m.put("frontend_kern", c.frontendKernel());
    m.put("frontend_last_factor", c.lastFactor());
    m.put("patch_size", new int[] {c.patch(), c.patch()});
    m.put("extra_tokens", c.extraTokens());
    m.put("num_blocks", c.depth());
    m.put("num_channels", c.width());
    m.put("num_heads", c.heads());
    m.put("mlp_ratio", c.mlpRatio());
    m.put("p_drop", c.dropout());
    m.put("num_channels_cond", c.condWidth());
    m.put("num_fourier_feats", c.fourierFeatures());
    return m;
  }

  private static String json(Object o) {
    try {
      return new ObjectMapper().writeValueAsString(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every tensor random; see {@link Source#DENSE_RANDOM}. */
  static ModelWeights denseRandom(ParamTable table, SeedTree seeds) {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (ParamSpec s : table.specs()) {
      float[] v = new float[Math.toIntExact(s.size())];
      CounterRng rng = seeds.child(s.name()).rng();
      long[] sh = s.shape();
      long fanIn = 1;
      for (int i = 0; i < sh.length - 1; i++) {
        fanIn *= sh[i];
      }
      double bound = s.init() instanceof ParamSpec.Uniform u ? u.bound()
          : sh.length >= 2 ? 1 / Math.sqrt(fanIn) : 0.1;
      double base = s.init() instanceof ParamSpec.Ones ? 1 : 0;
      for (int i = 0; i < v.length; i++) {
        v[i] = s.init() instanceof ParamSpec.Normal n ? (float) (rng.nextGaussian() * n.std())
            : (float) (base + (2 * rng.nextDouble() - 1) * bound);
      }
      m.put(s.name(), v);
    }
    return new ModelWeights(m);
  }

  /**
   * {@code n} test images, each at its own sigma (geometric from the sampler's sigma_min to
   * sigma_max) with its own noise, their conditions, and this model's denoised output and EDM loss
   * (eval mode, augmentation label 0), in PyTorch's layouts.
   */
  static Map<String, Safetensors.Tensor> probe(RunContext ctx, ModelSpec spec, ModelWeights w, int n) {
    int d = spec.imageSize();
    int cd = spec.condDim();
    int h = spec.arch().imageHeight();
    int wd = spec.arch().imageWidth();
    int c = spec.arch().imageChannels();
    if (n > ctx.test.size()) {
      throw new UserError("--probe " + n + " exceeds the " + ctx.test.size() + " test images");
    }
    SeedTree seeds = ctx.seeds.child("export").child("probe");
    int[] pick = seeds.child("pick").rng().permutation(ctx.test.size());
    float[] x = new float[n * d];
    float[] y = cd > 0 ? new float[n * cd] : null;
    float[] sigma = new float[n];
    float[] eps = new float[n * d];
    double lo = Math.log(spec.sampler().sigmaMin());
    double hi = Math.log(spec.sampler().sigmaMax());
    for (int i = 0; i < n; i++) {
      ctx.test.image(pick[i], x, i * d);
      if (y != null) {
        ctx.test.cond(pick[i], y, i * cd);
      }
      sigma[i] = (float) Math.exp(n == 1 ? lo : lo + (hi - lo) * i / (n - 1));
      seeds.child("eps", i).rng().fillGaussian(eps, i * d, d);
    }
    float[] den = new float[n * d];
    float[] loss;
    try (DitEdmModel m = DitEdmModel.of(spec, w, ctx.threads())) {
      float[] one = new float[d];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          one[j] = x[i * d + j] + sigma[i] * eps[i * d + j];
        }
        float[] yi = y == null ? null : java.util.Arrays.copyOfRange(y, i * cd, (i + 1) * cd);
        System.arraycopy(m.denoise(one, yi, sigma[i], 1), 0, den, i * d, d);
      }
      loss = m.losses(x, y, sigma, eps, n);
    }
    Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
    long[] img = {n, c, h, wd};
    out.put("x", new Safetensors.Tensor(nchw(x, n, h, wd, c), img));
    out.put("eps", new Safetensors.Tensor(nchw(eps, n, h, wd, c), img));
    out.put("sigma", new Safetensors.Tensor(sigma, new long[] {n}));
    if (y != null) {
      out.put("y", new Safetensors.Tensor(y, new long[] {n, cd}));
    }
    out.put("denoised", new Safetensors.Tensor(nchw(den, n, h, wd, c), img));
    out.put("loss", new Safetensors.Tensor(loss, new long[] {n}));
    return out;
  }

  /** NHWC -> NCHW. */
  static float[] nchw(float[] v, int n, int h, int w, int c) {
    float[] o = new float[v.length];
    for (int i = 0; i < n; i++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          for (int k = 0; k < c; k++) {
            o[((i * c + k) * h + y) * w + x] = v[((i * h + y) * w + x) * c + k];
          }
        }
      }
    }
    return o;
  }
}
