package org.tdabench.benchmark.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.benchmark.ablation.SsimConfig;
import org.tdabench.benchmark.store.Json;
import org.tdabench.core.Hashing;
import org.tdabench.methods.api.AttributionMethod;
import org.tdabench.methods.api.Methods;

/**
 * The protocol of a leaderboard row as a short hash: the preset's sizes and constants, the data, the
 * model configuration, the method's version and option values, and the analysis settings. Two rows
 * with the same protocol measure the same thing; {@code compare} refuses rows whose protocol changed
 * (a changed constant is never a float-path difference).
 */
final class ProtocolHash {
  /** Bump when the analysis (statistics, metrics) changes what a cell means. */
  static final String ANALYSIS_VERSION = "2";

  private ProtocolHash() {}

  static String of(RunContext ctx, String method, SsimConfig ssim) {
    AttributionMethod m = Methods.get(method);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("analysis", ANALYSIS_VERSION);
    p.put("preset", ctx.preset);
    p.put("data", ctx.dataId);
    p.put("arch", ctx.model.arch());
    p.put("edm", ctx.model.edm());
    p.put("train", ctx.model.train());
    p.put("sampler", ctx.model.sampler());
    p.put("method", method);
    p.put("methodVersion", m.version());
    p.put("options", AttributionStage.options(ctx, m).values());
    p.put("ssim", ssim);
    return Hashing.sha256Hex(Json.canonical(p)).substring(0, 16);
  }
}
