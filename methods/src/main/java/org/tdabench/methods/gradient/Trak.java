package org.tdabench.methods.gradient;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.models.OutputFunction;

/**
 * TRAK for diffusion as D-TRAK's "TRAK" rows define it (Park et al., ICML 2023; Zheng et al., ICLR
 * 2024): f = the training loss averaged over K noise levels, Gaussian projection, kernel scores
 * phi_t^T (Phi^T Phi + lambda I)^-1 phi_i, no out-to-loss term Q. On EDM the loss is the EDM
 * training loss lambda(sigma) mean (D - x0)^2 and the K timesteps become K sigmas.
 */
public final class Trak extends KernelAttribution {
  @Override
  public String name() {
    return "trak";
  }

  @Override
  public String description() {
    return "TRAK (diffusion): projected gradients of the EDM loss over K sigmas, ridge kernel scores";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  protected OutputFunction output(MethodOptions o) {
    return OutputFunction.LOSS;
  }

  @Override
  protected int defaultSigmas() {
    return 10;
  }

  @Override
  protected int defaultDim() {
    return 32768;
  }

  @Override
  protected Map<String, Object> porting(MethodOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("output", "the EDM training loss lambda(sigma) mean (D - x0)^2 (D-TRAK's TRAK uses the DDPM eps-MSE, "
        + "its training loss)");
    m.put("timesteps", "K sigmas of sigma_grid in place of D-TRAK's K uniform timesteps {0, 1000/K, ..}");
    m.put("noise", "one noise image per sigma shared by all samples (ours; D-TRAK reseeds per timestep and "
        + "draws a batch, so its noise depends on a sample's position in its batch)");
    m.put("q_term", "none (D-TRAK drops TRAK's out-to-loss term; Journey-TRAK sets it to 1)");
    m.put("averaging", "gradients averaged over the K probes, then projected (projection is linear: the same)");
    m.put("inverse", "no mean-abs rescaling of the inverse (TRAK's library does it; D-TRAK does not)");
    m.put("sign", "higher = lowers the target's loss when included (D-TRAK correlates -S with the loss)");
    return m;
  }
}
