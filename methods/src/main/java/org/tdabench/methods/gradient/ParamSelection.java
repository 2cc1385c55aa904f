package org.tdabench.methods.gradient;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tdabench.core.UserError;
import org.tdabench.models.nn.ParamSubsets;
import org.tdabench.models.nn.ParamTable;

/**
 * The {@code params} option: {@code all} (every parameter, as D-TRAK differentiates its whole
 * UNet), {@code mlp} (the MUCS subset: MLP weight matrices of every block and of the condition
 * MLP) or a comma-separated list of name substrings.
 */
public final class ParamSelection {
  private ParamSelection() {}

  /** The selected names in table order; null means every parameter. */
  public static List<String> resolve(String option, ParamTable table) {
    String o = option.trim();
    if (o.equalsIgnoreCase("all")) {
      return null;
    }
    List<String> names = o.toLowerCase(Locale.ROOT).equals("mlp") ? ParamSubsets.mlpWeights(table)
        : ParamSubsets.matching(table, Arrays.stream(o.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
    if (names.isEmpty()) {
      throw new UserError("params '" + option + "' selects no parameter: use all, mlp or name substrings");
    }
    return names;
  }

  /** The parameter count of a selection (null = all). */
  public static long count(List<String> names, ParamTable table) {
    return names == null ? table.count() : table.count(names);
  }
}
