package org.tdabench.methods.gradient;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tdabench.methods.api.MethodOptions;
import org.tdabench.models.OutputFunction;

/**
 * D-TRAK (Zheng et al., ICLR 2024; sail-sg/D-TRAK): TRAK's machinery with the "unjustified" output
 * f = mean over pixels of the squared network output (the {@code mean-squared-l2-norm} of
 * grad_unconditional.py), which the paper finds attributes far better than the loss. The EDM
 * denoiser D = c_skip x + c_out F has two candidates for D-TRAK's eps_theta: the raw network
 * output F ({@code output=f}, our default: the network's own output, as eps_theta is the DDPM
 * UNet's) and the implied noise eps_hat = (x_sigma - D) / sigma ({@code output=eps}).
 */
public final class DTrak extends KernelAttribution {
  @Override
  public String name() {
    return "dtrak";
  }

  @Override
  public String description() {
    return "D-TRAK: projected gradients of the mean squared network output over K sigmas, ridge kernel scores";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  protected MethodOptions.Schema extend(MethodOptions.Schema s) {
    return s.add("output", "f", "f: mean F^2 of the raw network output (ours); eps: mean of the implied "
        + "eps_hat^2 = ((x_sigma - D) / sigma)^2");
  }

  @Override
  protected OutputFunction output(MethodOptions o) {
    String v = o.getString("output").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "f" -> OutputFunction.SQUARED_OUTPUT;
      case "eps" -> OutputFunction.SQUARED_EPS;
      default -> throw o.bad("output", "f or eps");
    };
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
    m.put("output", output(o) == OutputFunction.SQUARED_OUTPUT
        ? "mean over pixels of F^2, F the raw DiT output (D = c_skip x + c_out F)"
        : "mean over pixels of eps_hat^2, eps_hat = (x_sigma - D) / sigma, the noise implied by the denoiser");
    m.put("timesteps", "K sigmas of sigma_grid in place of D-TRAK's K uniform timesteps {0, 1000/K, ..}");
    m.put("noise", "one noise image per sigma shared by all samples (ours; D-TRAK reseeds per timestep and "
        + "draws a batch, so its noise depends on a sample's position in its batch)");
    m.put("averaging", "gradients averaged over the K probes, then projected (as D-TRAK)");
    m.put("inverse", "float64 Cholesky solves (D-TRAK inverts in float32 on a GPU)");
    m.put("sign", "higher = lowers the target's loss when included (D-TRAK correlates -S with the loss)");
    return m;
  }
}
