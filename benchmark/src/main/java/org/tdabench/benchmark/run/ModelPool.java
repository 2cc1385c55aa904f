package org.tdabench.benchmark.run;

import java.util.Objects;
import org.tdabench.models.DitEdmModel;
import org.tdabench.models.ModelSpec;
import org.tdabench.models.ModelWeights;

/**
 * One inference model per worker thread, reused across jobs with new weights loaded: generation and
 * LDS ground truth run on dozens of models of one architecture, and compiling a graph costs seconds.
 */
final class ModelPool {
  private ModelPool() {}

  private record Key(ModelSpec spec, int threads, int evalBatch) {}

  private static final ThreadLocal<Key> KEY = new ThreadLocal<>();
  private static final ThreadLocal<DitEdmModel> MODEL = new ThreadLocal<>();

  /** The thread's model for {@code spec}, holding {@code weights}; the caller must not close it. */
  static DitEdmModel borrow(ModelSpec spec, ModelWeights weights, int threads, int evalBatch) {
    Key key = new Key(spec, threads, evalBatch);
    DitEdmModel m = MODEL.get();
    if (m == null || !Objects.equals(KEY.get(), key)) {
      if (m != null) {
        m.close();
      }
      m = DitEdmModel.create(spec, threads).withEvalBatch(evalBatch);
      MODEL.set(m);
      KEY.set(key);
    }
    m.load(weights);
    return m;
  }
}
