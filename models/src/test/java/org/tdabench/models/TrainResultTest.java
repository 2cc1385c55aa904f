package org.tdabench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tdabench.models.train.TrainResult;

class TrainResultTest {

  private static TrainResult.TracInCheckpoint at(int epoch) {
    return new TrainResult.TracInCheckpoint(epoch, 10L * (epoch + 1), 1e-3, new ModelWeights(Map.of()), new float[0]);
  }

  @Test
  void tracinSumsOnlyOverTheTrajectoryOfTheAttributedEpoch() {
    // Checkpoints every 2 epochs; the best epoch is 4, training ran on to epoch 9 (patience 5).
    List<TrainResult.TracInCheckpoint> all = List.of(at(1), at(3), at(5), at(7), at(9));
    TrainResult r = new TrainResult(null, 4, 0.5, 10, 100, "no improvement", List.of(), all, 1.0);
    assertEquals(List.of(1, 3), r.tracinUpToBest().stream().map(TrainResult.TracInCheckpoint::epoch).toList());
    // A checkpoint at the best epoch itself belongs to it.
    assertEquals(3, TrainResult.upToEpoch(all, 5).size());
    assertEquals(0, TrainResult.upToEpoch(all, 0).size());
  }
}
