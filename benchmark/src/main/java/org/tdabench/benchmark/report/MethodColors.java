package org.tdabench.benchmark.report;

import java.awt.Color;
import java.util.Map;

/**
 * One colour per method, the same in every chart of every report: keyed by the method's name, not by
 * its position in a chart, so that a method keeps its colour whichever methods ran. Random is grey
 * (the reference every method is measured against); the installed methods have fixed colours from
 * the Tableau 10/20 palettes (and near-black for the ensemble); other names get a pastel colour
 * from their name's hash.
 */
public final class MethodColors {
  private static final Color RANDOM = new Color(0x7f7f7f);

  private static final Map<String, Color> FIXED = Map.ofEntries(
      Map.entry("random", RANDOM),
      Map.entry("pixel", new Color(0x17becf)),
      Map.entry("condition", new Color(0xbcbd22)),
      Map.entry("feature", new Color(0x8c564b)),
      Map.entry("dit-feature", new Color(0x637939)),
      Map.entry("trak", new Color(0x1f77b4)),
      Map.entry("dtrak", new Color(0xff7f0e)),
      Map.entry("das", new Color(0x2ca02c)),
      Map.entry("tracin", new Color(0x9467bd)),
      Map.entry("retrac", new Color(0xe377c2)),
      Map.entry("mucs", new Color(0xd62728)),
      Map.entry("abu", new Color(0x393b79)),
      Map.entry("ensemble", new Color(0x222222)));

  private static final Color[] OTHERS = {
      new Color(0x98df8a), new Color(0xffbb78), new Color(0xff9896), new Color(0xc5b0d5),
      new Color(0xf7b6d2), new Color(0xdbdb8d), new Color(0x9edae5), new Color(0xc49c94)};

  private MethodColors() {}

  /** The colour of {@code method}. */
  public static Color of(String method) {
    Color c = FIXED.get(method);
    return c != null ? c : OTHERS[Math.floorMod(method.hashCode(), OTHERS.length)];
  }

  /** {@code c} mixed with white ({@code amount} 0 = unchanged, 1 = white), for a second group of one method. */
  public static Color lighter(Color c, double amount) {
    return new Color(mix(c.getRed(), amount), mix(c.getGreen(), amount), mix(c.getBlue(), amount));
  }

  /** {@code c} as a CSS hex colour, e.g. "#1f77b4". */
  public static String css(Color c) {
    return String.format(java.util.Locale.ROOT, "#%06x", c.getRGB() & 0xffffff);
  }

  private static int mix(int v, double amount) {
    return (int) Math.round(v + (255 - v) * amount);
  }
}
