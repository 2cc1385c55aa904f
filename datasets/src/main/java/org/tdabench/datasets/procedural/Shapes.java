package org.tdabench.datasets.procedural;

import java.util.List;

/**
 * The ten classes of the procedural dataset: a shape per class, tested in shape coordinates
 * (u, v) where the shape roughly fills [-1, 1]^2 (v grows downwards). Chosen to stay distinct under
 * the small rotations used (no class is another class rotated by less than 20 degrees).
 */
public final class Shapes {
  /** Class names, by label. */
  public static final List<String> NAMES = List.of(
      "disk", "square", "triangle", "diamond", "plus", "ring", "cross", "bar", "frame", "half-disk");

  private Shapes() {}

  /** True when (u, v) lies inside shape {@code k}. */
  static boolean inside(int k, double u, double v) {
    double au = Math.abs(u);
    double av = Math.abs(v);
    double r2 = u * u + v * v;
    return switch (k) {
      case 0 -> r2 <= 1.0;
      case 1 -> au <= 0.85 && av <= 0.85;
      case 2 -> v <= 0.8 && v >= -0.95 + 1.75 * au;
      case 3 -> au + av <= 1.0;
      case 4 -> (au <= 0.3 && av <= 1.0) || (av <= 0.3 && au <= 1.0);
      case 5 -> r2 <= 1.0 && r2 >= 0.55 * 0.55;
      case 6 -> (Math.abs(u - v) <= 0.4 || Math.abs(u + v) <= 0.4) && au <= 0.85 && av <= 0.85;
      case 7 -> au <= 1.0 && av <= 0.4;
      case 8 -> Math.max(au, av) <= 0.9 && Math.max(au, av) >= 0.55;
      case 9 -> u * u + (v - 0.45) * (v - 0.45) <= 1.0 && v <= 0.45;
      default -> throw new IllegalArgumentException("no shape " + k);
    };
  }
}
