package org.tdabench.benchmark.run;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.methods.api.Scores;
import org.tdabench.methods.api.TaskResources;
import org.tdabench.models.config.TrainConfig;
import org.tdabench.models.ensemble.EncodedEnsemble;
import org.tdabench.models.train.TrainResult;

/**
 * What a method sees on the encoded-ensemble track. A member's task is the member as a model of
 * its own (its training checkpoints, its cache); a whole-ensemble task has the ensemble and the
 * track's scores of other methods. What the track cannot provide is an
 * {@link UnsupportedOperationException} whose message says why: the method is then skipped on the
 * track with that reason.
 */
final class EnsembleResources {
  private EnsembleResources() {}

  /** The resources of member {@code member}'s task. */
  static TaskResources member(RunContext ctx, Artifact member) {
    StoreResources store = new StoreResources(ctx, 0, member);
    return new TaskResources() {
      @Override
      public TrainConfig trainConfig() {
        return ctx.model.train();
      }

      @Override
      public List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
        return store.trainingCheckpoints();
      }

      @Override
      public List<SubsetModel> subsetModels(int m) {
        throw new UnsupportedOperationException("each member is attributed as one model on this track; averaging "
            + "subset models of a member (models > 0) is not supported: set models=0");
      }

      @Override
      public Scores scoresOf(String method) {
        throw new UnsupportedOperationException("a member's task has no other methods' scores");
      }

      @Override
      public float[] cached(String key, Supplier<float[]> compute) {
        return store.cached(key, compute);
      }
    };
  }

  /** The resources of a whole-ensemble (or model-free) task. */
  static TaskResources track(RunContext ctx) {
    return new TaskResources() {
      @Override
      public TrainConfig trainConfig() {
        return ctx.model.train();
      }

      @Override
      public List<TrainResult.TracInCheckpoint> trainingCheckpoints() {
        throw new UnsupportedOperationException("an ensemble has no single training run to take checkpoints from");
      }

      @Override
      public List<SubsetModel> subsetModels(int m) {
        throw new UnsupportedOperationException("subset models of an ensemble are not defined");
      }

      @Override
      public Scores scoresOf(String method) {
        EnsembleAttribution.Outcome o = EnsembleAttribution.scores(ctx, method);
        if (o.scores() == null) {
          throw new UnsupportedOperationException("member " + method + " is not on the track: " + o.skipped());
        }
        return o.scores();
      }

      @Override
      public Optional<EncodedEnsemble> encodedEnsemble() {
        return Optional.of(EnsembleStage.ensemble(ctx));
      }

      @Override
      public float[] cached(String key, Supplier<float[]> compute) {
        return compute.get();
      }
    };
  }
}
