package org.tdabench.models.nn;

import java.util.List;

/** Named parameter subsets that attribution methods use. */
public final class ParamSubsets {
  private ParamSubsets() {}

  /**
   * The substrings the MUCS reference freezes (attribution/mucs.py); everything matching one is
   * frozen. What remains trainable is the weight matrices of the two MLP linears of every DiT block
   * and of the condition (y) MLP: no biases anywhere.
   */
  public static final List<String> MUCS_FROZEN = List.of("encoder.", "decoder.", "s_embedder.",
      ".xdrop", "a_embedder.", "x_embedder.", "pos_enc.", ".attention.qkv", ".attention.proj",
      ".adapter.", "unpatchify.", "last.", ".bias");

  /** The MUCS trainable subset: MLP weight matrices of every block and of the y-MLP. */
  public static List<String> mlpWeights(ParamTable table) {
    return table.select(s -> MUCS_FROZEN.stream().noneMatch(f -> s.name().contains(f)));
  }

  /** Every parameter. */
  public static List<String> all(ParamTable table) {
    return table.select(s -> true);
  }

  /** Parameters whose name contains any of {@code substrings}. */
  public static List<String> matching(ParamTable table, List<String> substrings) {
    return table.select(s -> substrings.stream().anyMatch(f -> s.name().contains(f)));
  }
}
