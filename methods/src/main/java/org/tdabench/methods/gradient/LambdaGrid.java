package org.tdabench.methods.gradient;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tdabench.core.UserError;

/**
 * The ridge values a kernel method offers the harness as score candidates. The coefficients are
 * D-TRAK's sweep, {1, 2, 5} x 10^-2 .. 10^6 (27 values; the authors keep the one with the best LDS
 * on the evaluation subsets). D-TRAK applies them to un-normalised Gaussian projections of its
 * UNet's gradients, so their absolute meaning depends on the model's gradient scale: in the
 * {@code relative} mode (our default) lambda = c trace(Phi^T Phi) / k, i.e. c times the mean
 * eigenvalue of Phi^T Phi, which transfers across models and feature scales; {@code absolute}
 * uses lambda = c as D-TRAK does.
 *
 * @param relative lambda = c trace / k (true) or lambda = c (false)
 * @param coefficients the grid c
 * @param defaultCoefficient the candidate reported as the method's own scores (added to the
 *     grid if missing)
 */
public record LambdaGrid(boolean relative, List<Double> coefficients, double defaultCoefficient) {

  public LambdaGrid {
    List<Double> c = new ArrayList<>(coefficients);
    if (!c.contains(defaultCoefficient)) {
      c.add(defaultCoefficient);
    }
    for (double v : c) {
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException("ridge coefficients must be finite and > 0");
      }
    }
    c.sort(Double::compare);
    coefficients = List.copyOf(c);
  }

  /** D-TRAK's 27 coefficients {1, 2, 5} x 10^e, e = -2 .. 6. */
  public static List<Double> dtrakCoefficients() {
    List<Double> out = new ArrayList<>();
    for (int e = -2; e <= 6; e++) {
      for (int m : new int[] {1, 2, 5}) {
        out.add(new BigDecimal(m).scaleByPowerOfTen(e).doubleValue());
      }
    }
    return out;
  }

  /** Parses the {@code lambda_grid} option ("relative" or "absolute") with the D-TRAK coefficients. */
  public static LambdaGrid parse(String mode, double defaultCoefficient) {
    String m = mode.trim().toLowerCase(Locale.ROOT);
    if (!m.equals("relative") && !m.equals("absolute")) {
      throw new UserError("lambda_grid must be 'relative' or 'absolute', got '" + mode + "'");
    }
    if (!(defaultCoefficient > 0) || Double.isInfinite(defaultCoefficient)) {
      throw new UserError("lambda must be a finite number > 0, got " + defaultCoefficient);
    }
    return new LambdaGrid(m.equals("relative"), dtrakCoefficients(), defaultCoefficient);
  }

  /** lambda for coefficient {@code c} given trace(Phi^T Phi) and k. */
  public double lambda(double c, double trace, int k) {
    return relative ? c * trace / k : c;
  }

  /** The candidate key of coefficient c, e.g. {@code lambda=0.05} or {@code lambda=2000}. */
  public static String key(double c) {
    return "lambda=" + BigDecimal.valueOf(c).stripTrailingZeros().toPlainString();
  }

  public String mode() {
    return relative ? "relative" : "absolute";
  }
}
