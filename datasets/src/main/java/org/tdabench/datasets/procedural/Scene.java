package org.tdabench.datasets.procedural;

import org.tdabench.core.CounterRng;

/**
 * The parameters of one generated image, in resolution-independent units (the image is the unit
 * square, y down). The same scene renders to any resolution.
 *
 * @param shape class index (see {@link Shapes})
 * @param fg shape colour, RGB in [0, 1]
 * @param bg1 first background colour
 * @param bg2 second background colour (mixed in by the texture)
 * @param texture 0 gradient, 1 stripes, 2 checker, 3 value noise
 * @param angle texture direction (radians)
 * @param frequency stripe cycles or checker cells per image
 * @param phase texture phase in [0, 1)
 * @param lattice 5 x 5 value-noise lattice in [0, 1]
 * @param cx shape centre x
 * @param cy shape centre y
 * @param size shape half-extent
 * @param rotation shape rotation (radians)
 * @param noiseKey key of the per-pixel Gaussian noise stream
 * @param noiseSigma noise standard deviation in 8-bit levels
 */
public record Scene(int shape, double[] fg, double[] bg1, double[] bg2, int texture, double angle, double frequency,
    double phase, double[] lattice, double cx, double cy, double size, double rotation, long noiseKey,
    double noiseSigma) {

  static final int TEXTURES = 4;
  static final int LATTICE = 5;
  static final double NOISE_SIGMA = 2.5;

  /** Draws a scene of class {@code shape} from {@code rng}; draws happen in a fixed order. */
  static Scene draw(int shape, CounterRng rng, long noiseKey) {
    double[] fg = hsv(rng.nextDouble(), uniform(rng, 0.6, 1.0), uniform(rng, 0.72, 1.0));
    double bgHue = rng.nextDouble();
    double bgSat = uniform(rng, 0.15, 0.6);
    double bgVal = uniform(rng, 0.15, 0.5);
    double[] bg1 = hsv(bgHue, bgSat, bgVal);
    double[] bg2 = hsv(frac(bgHue + uniform(rng, -0.12, 0.12)), bgSat, clamp(bgVal + uniform(rng, -0.2, 0.2), 0.05, 0.6));
    int texture = rng.nextInt(TEXTURES);
    double angle = uniform(rng, 0, Math.PI);
    double frequency = uniform(rng, 1.5, 4.5);
    double phase = rng.nextDouble();
    double[] lattice = new double[LATTICE * LATTICE];
    for (int i = 0; i < lattice.length; i++) {
      lattice[i] = rng.nextDouble();
    }
    double size = uniform(rng, 0.22, 0.34);
    double margin = Math.max(0, 0.5 - size - 0.04);
    double cx = 0.5 + uniform(rng, -margin, margin);
    double cy = 0.5 + uniform(rng, -margin, margin);
    double rotation = uniform(rng, -0.3, 0.3);
    return new Scene(shape, fg, bg1, bg2, texture, angle, frequency, phase, lattice, cx, cy, size, rotation, noiseKey,
        NOISE_SIGMA);
  }

  /** A near-duplicate: the same scene, slightly moved, scaled and recoloured, with fresh noise. */
  Scene perturbed(CounterRng rng, long newNoiseKey) {
    double[] f = fg.clone();
    for (int c = 0; c < 3; c++) {
      f[c] = clamp(f[c] + uniform(rng, -0.02, 0.02), 0, 1);
    }
    return new Scene(shape, f, bg1, bg2, texture, angle, frequency, phase, lattice,
        cx + uniform(rng, -0.015, 0.015), cy + uniform(rng, -0.015, 0.015), size * (1 + uniform(rng, -0.03, 0.03)),
        rotation + uniform(rng, -0.03, 0.03), newNoiseKey, noiseSigma);
  }

  static double uniform(CounterRng rng, double lo, double hi) {
    return lo + (hi - lo) * rng.nextDouble();
  }

  static double clamp(double v, double lo, double hi) {
    return v < lo ? lo : Math.min(v, hi);
  }

  static double frac(double v) {
    return v - StrictMath.floor(v);
  }

  /** HSV (all in [0, 1]) to RGB in [0, 1]. */
  static double[] hsv(double h, double s, double v) {
    double hh = frac(h) * 6;
    int i = (int) hh;
    double f = hh - i;
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    return switch (i % 6) {
      case 0 -> new double[] {v, t, p};
      case 1 -> new double[] {q, v, p};
      case 2 -> new double[] {p, v, t};
      case 3 -> new double[] {p, q, v};
      case 4 -> new double[] {t, p, v};
      default -> new double[] {v, p, q};
    };
  }
}
