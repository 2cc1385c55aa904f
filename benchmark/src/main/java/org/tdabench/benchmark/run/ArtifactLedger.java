package org.tdabench.benchmark.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.tdabench.benchmark.machine.NumericsEnvironment;
import org.tdabench.benchmark.store.Artifact;
import org.tdabench.benchmark.store.Sidecar;

/**
 * Which stored artifacts a run's numbers came from, by group: {@link #SHARED} (main models, targets,
 * LDS models and ground truth: behind every row) and one group per method (its scores, its ablation
 * model and regenerated images). A leaderboard row's fingerprint and its {@code deterministic} flag
 * are derived from these artifacts' sidecars, not from the process that writes the report: a row
 * is deterministic when all its artifacts share one machine fingerprint and were computed under the
 * pinned numerics settings.
 */
final class ArtifactLedger {
  static final String SHARED = "shared";
  /** The fingerprint of a row whose artifacts came from machines or settings that differ. */
  static final String MIXED = "mixed";

  private final Map<String, Map<String, Artifact>> groups = new ConcurrentHashMap<>();
  private final Map<String, Sidecar> sidecars = new ConcurrentHashMap<>();

  static String method(String name) {
    return "method:" + name;
  }

  /** The group of a training of this label: its method's for an ablation retraining, else shared. */
  static String groupOfTraining(String label) {
    if (label.startsWith("ablation/") || label.startsWith("ablation-random/")) {
      String rest = label.substring(label.indexOf('/') + 1);
      int slash = rest.indexOf('/');
      return method(slash < 0 ? rest : rest.substring(0, slash));
    }
    return SHARED;
  }

  void record(String group, Artifact a) {
    groups.computeIfAbsent(group, g -> java.util.Collections.synchronizedMap(new LinkedHashMap<>()))
        .putIfAbsent(a.hash(), a);
  }

  /**
   * The provenance of a method's row.
   *
   * @param fingerprint the one machine fingerprint of all its artifacts, or {@link #MIXED}
   * @param deterministic one fingerprint and every artifact computed under the pinned numerics
   * @param fingerprints every fingerprint seen (sorted)
   * @param artifacts how many artifacts the row rests on
   */
  record Provenance(String fingerprint, boolean deterministic, Set<String> fingerprints, int artifacts) {}

  Provenance provenance(String methodName) {
    List<Artifact> all = new ArrayList<>();
    for (String g : List.of(SHARED, method(methodName))) {
      Map<String, Artifact> m = groups.get(g);
      if (m != null) {
        synchronized (m) {
          all.addAll(m.values());
        }
      }
    }
    Set<String> fps = new TreeSet<>();
    boolean pinned = true;
    for (Artifact a : all) {
      Sidecar s = sidecar(a);
      fps.add(s.machine().fingerprint());
      pinned &= new NumericsEnvironment(s.machine().numerics()).pinned();
    }
    String fp = fps.size() == 1 ? fps.iterator().next() : MIXED;
    return new Provenance(fp, pinned && fps.size() == 1, fps, all.size());
  }

  /** The distinct machines (by fingerprint) of every recorded artifact. */
  List<org.tdabench.benchmark.store.Machine> machines() {
    Map<String, org.tdabench.benchmark.store.Machine> byFp = new java.util.TreeMap<>();
    for (Map<String, Artifact> m : groups.values()) {
      List<Artifact> l;
      synchronized (m) {
        l = new ArrayList<>(m.values());
      }
      for (Artifact a : l) {
        var mc = sidecar(a).machine();
        byFp.putIfAbsent(mc.fingerprint(), mc);
      }
    }
    return List.copyOf(byFp.values());
  }

  /** Every sidecar of the shared group (for the report's machine line). */
  List<Sidecar> sharedSidecars() {
    Map<String, Artifact> m = groups.getOrDefault(SHARED, Map.of());
    List<Artifact> l;
    synchronized (m) {
      l = new ArrayList<>(m.values());
    }
    return l.stream().map(this::sidecar).toList();
  }

  private Sidecar sidecar(Artifact a) {
    return sidecars.computeIfAbsent(a.hash(), h -> {
      try {
        return a.sidecar();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the sidecar of " + a.folder(), e);
      }
    });
  }
}
