package org.tdabench.benchmark.run;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One model to train: which training items (indices into the training split, sorted), from which
 * seed-tree path, and whether to keep training checkpoints (TracIn). A JSON map round-trip makes it
 * a job description.
 *
 * @param label human-readable name ("main", "lds/eval/3/seed/0", "ablation/mucs/seed/0")
 * @param items training items, sorted ascending
 * @param seedPath seed-tree path of the run (init, order, noise, augmentation all derive from it)
 * @param keepCheckpoints keep training checkpoints every preset.tracinEvery epochs
 */
record TrainRequest(String label, int[] items, String seedPath, boolean keepCheckpoints) {
  TrainRequest {
    items = items.clone();
    Arrays.sort(items);
  }

  Map<String, Object> toJson() {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("label", label);
    j.put("items", Arrays.stream(items).boxed().toList());
    j.put("seedPath", seedPath);
    j.put("keepCheckpoints", keepCheckpoints);
    return j;
  }

  @SuppressWarnings("unchecked")
  static TrainRequest fromJson(Map<String, Object> j) {
    List<Number> it = (List<Number>) j.get("items");
    int[] items = new int[it.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = it.get(i).intValue();
    }
    return new TrainRequest((String) j.get("label"), items, (String) j.get("seedPath"),
        (Boolean) j.get("keepCheckpoints"));
  }

  static int[] all(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainRequest t && t.label.equals(label) && Arrays.equals(t.items, items)
        && t.seedPath.equals(seedPath) && t.keepCheckpoints == keepCheckpoints;
  }

  @Override
  public int hashCode() {
    return label.hashCode() * 31 + Arrays.hashCode(items);
  }
}
