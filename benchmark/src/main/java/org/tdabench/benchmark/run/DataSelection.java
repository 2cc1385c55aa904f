package org.tdabench.benchmark.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.tdabench.core.Hashing;
import org.tdabench.core.SeedTree;
import org.tdabench.core.UserError;
import org.tdabench.datasets.PreparedDataset;
import org.tdabench.datasets.Split;

/**
 * Which rows of a prepared dataset a run trains and evaluates on: optionally only some classes (as
 * D-TRAK's CIFAR-2 keeps two), and a class-stratified sample of the train and test splits drawn from
 * the seed tree when the preset (or {@code --train-size}) asks for fewer images than the dataset has.
 * The selection is part of every recipe through {@link #id()}.
 *
 * @param trainRows dataset rows of the training set, ascending
 * @param testRows dataset rows of the test set, ascending
 * @param classes the kept label indices (empty: all)
 * @param id short description hashed into the data identity
 */
record DataSelection(int[] trainRows, int[] testRows, List<Integer> classes, String id) {

  /**
   * @param trainSize training images wanted (0: the whole split)
   * @param testSize test images wanted (0: the whole split)
   * @param classes class names or indices to keep (empty: all)
   */
  static DataSelection of(PreparedDataset data, int trainSize, int testSize, List<String> classes, SeedTree seeds) {
    List<Integer> keep = resolveClasses(data, classes);
    int[] train = filter(data, data.rows(Split.TRAIN), keep);
    int[] test = filter(data, data.rows(Split.TEST), keep);
    String what = keep.isEmpty() ? "" : " of classes " + keep;
    if (trainSize > train.length) {
      throw new UserError("--train-size " + trainSize + " is more than the " + train.length + " training images "
          + data.name() + what + " has: ask for at most " + train.length);
    }
    int[] tr = trainSize > 0 ? sample(data, train, trainSize, seeds.child("data").child("train")) : train;
    int[] te = testSize > 0 && testSize < test.length ? sample(data, test, testSize, seeds.child("data").child("test"))
        : test;
    String id = "rows=" + Hashing.sha256Hex(Arrays.toString(tr) + "|" + Arrays.toString(te)).substring(0, 16)
        + (keep.isEmpty() ? "" : ",classes=" + keep);
    return new DataSelection(tr, te, List.copyOf(keep), id);
  }

  private static List<Integer> resolveClasses(PreparedDataset data, List<String> classes) {
    List<Integer> out = new ArrayList<>();
    if (classes == null || classes.isEmpty()) {
      return out;
    }
    List<String> names = data.classNames();
    int count = names.isEmpty() ? maxLabel(data) + 1 : names.size();
    if (count <= 0) {
      throw new UserError("dataset " + data.name() + " has no classes, so --classes cannot choose any: drop --classes");
    }
    for (String c : classes) {
      String t = c.trim();
      int idx = -1;
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equalsIgnoreCase(t)) {
          idx = i;
        }
      }
      if (idx < 0 && t.matches("\\d+") && Integer.parseInt(t) < count) {
        idx = Integer.parseInt(t);
      }
      if (idx < 0) {
        throw new UserError("class '" + t + "' does not exist in " + data.name() + ": choose among "
            + (names.isEmpty() ? "0.." + (count - 1) : String.join(", ", names) + " (or their indices 0.." + (count - 1)
                + ")"));
      }
      if (!out.contains(idx)) {
        out.add(idx);
      }
    }
    out.sort(null);
    return out;
  }

  private static int maxLabel(PreparedDataset data) {
    int m = -1;
    for (int r = 0; r < data.size(); r++) {
      m = Math.max(m, data.label(r));
    }
    return m;
  }

  private static int[] filter(PreparedDataset data, int[] rows, List<Integer> keep) {
    if (keep.isEmpty()) {
      return rows;
    }
    return Arrays.stream(rows).filter(r -> keep.contains(data.label(r))).toArray();
  }

  /**
   * A sample of {@code n} rows, stratified by label where there are labels: each class gets its share
   * (the remainder going to the classes first in a seeded order), drawn by a seeded permutation.
   */
  static int[] sample(PreparedDataset data, int[] rows, int n, SeedTree seeds) {
    Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
    for (int r : rows) {
      byClass.computeIfAbsent(data.label(r), k -> new ArrayList<>()).add(r);
    }
    TreeSet<Integer> picked = new TreeSet<>();
    List<Integer> labels = new ArrayList<>(new TreeSet<>(byClass.keySet()));
    int[] order = seeds.child("class-order").rng().permutation(labels.size());
    int base = n / labels.size();
    int extra = n % labels.size();
    int shortfall = 0;
    for (int k = 0; k < labels.size(); k++) {
      int label = labels.get(order[k]);
      List<Integer> members = byClass.get(label);
      int want = base + (k < extra ? 1 : 0);
      int[] perm = seeds.child("class", label).rng().permutation(members.size());
      int take = Math.min(want, members.size());
      shortfall += want - take;
      for (int i = 0; i < take; i++) {
        picked.add(members.get(perm[i]));
      }
    }
    if (shortfall > 0) { // small classes: fill from the rest, in a seeded order
      int[] perm = seeds.child("fill").rng().permutation(rows.length);
      for (int i = 0; i < perm.length && shortfall > 0; i++) {
        if (picked.add(rows[perm[i]])) {
          shortfall--;
        }
      }
    }
    return picked.stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d train / %d test%s", trainRows.length, testRows.length,
        classes.isEmpty() ? "" : ", classes " + classes);
  }
}
