package org.tdabench.models.ensemble;

import java.util.List;
import org.tdabench.models.ModelWeights;

/**
 * A trained encoded ensemble: the codes and each member's weights (EMA), member j trained on
 * {@code codes.rowsOf(j)}.
 */
public record EncodedEnsemble(EnsembleCodes codes, List<ModelWeights> members) {
  public EncodedEnsemble {
    members = List.copyOf(members);
    if (members.size() != codes.members()) {
      throw new IllegalArgumentException(members.size() + " member weights for " + codes.members() + " codes");
    }
  }
}
