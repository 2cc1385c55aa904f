package org.tdabench.datasets.procedural;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tdabench.core.Progress;
import org.tdabench.core.UserError;
import org.tdabench.datasets.DatasetSource;
import org.tdabench.datasets.PrepareContext;
import org.tdabench.datasets.Split;
import org.tdabench.datasets.fetch.RemoteFile;
import org.tdabench.datasets.prepared.PreparedWriter;
import org.tdabench.datasets.prepared.Sample;
import org.tdabench.datasets.prepared.Workers;

/** The embedded default dataset, generated from a seed (no download). */
public final class ProceduralSource implements DatasetSource {
  public static final String NAME = "procedural";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "generated coloured shapes on textured backgrounds (10 classes, planted near-duplicates; no download)";
  }

  @Override
  public List<String> variants() {
    return List.of("generated");
  }

  @Override
  public List<RemoteFile> remoteFiles(String variant) {
    return List.of();
  }

  /** The configuration after applying {@code --resolution}. */
  static ProceduralConfig config(PrepareContext ctx) {
    ProceduralConfig c = ctx.options().procedural();
    if (ctx.options().resolution() != null) {
      c = c.withResolution(ctx.options().resolution());
    }
    if (ctx.options().from() != null) {
      throw new UserError("procedural is generated; it takes no --from");
    }
    return c;
  }

  @Override
  public PreparedWriter.Spec spec(PrepareContext ctx) {
    ProceduralConfig c = config(ctx);
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("generator_version", ProceduralGenerator.VERSION);
    recipe.put("train_size", c.trainSize());
    recipe.put("test_size", c.testSize());
    recipe.put("resolution", c.resolution());
    recipe.put("seed", c.seed());
    recipe.put("duplicate_groups", c.effectiveDuplicateGroups());
    recipe.put("duplicate_group_size", c.duplicateGroupSize());
    return new PreparedWriter.Spec(NAME, "generated", "procedural/" + ProceduralGenerator.VERSION, description(), 3,
        c.resolution(), false, Shapes.NAMES.size(), "one-hot", null, Shapes.NAMES, false, recipe);
  }

  @Override
  public void write(PrepareContext ctx, PreparedWriter out) throws IOException {
    ProceduralGenerator gen = new ProceduralGenerator(config(ctx));
    out.note("Near-duplicate groups: " + gen.config().effectiveDuplicateGroups() + " groups of "
        + gen.config().duplicateGroupSize() + " training images (index.csv duplicate_group), for the self-retrieval check.");
    long total = gen.size(Split.TRAIN) + (long) gen.size(Split.TEST);
    try (Workers workers = new Workers(ctx.options().effectiveThreads());
        Progress bar = ctx.progress("procedural", total)) {
      for (Split split : Split.values()) {
        int n = gen.size(split);
        for (int start = 0; start < n; start += 256) {
          List<Integer> idx = new ArrayList<>();
          for (int i = start; i < Math.min(n, start + 256); i++) {
            idx.add(i);
          }
          for (Sample s : workers.map(idx, i -> gen.sample(split, i))) {
            out.add(s);
          }
          bar.step(idx.size());
        }
      }
    }
  }
}
