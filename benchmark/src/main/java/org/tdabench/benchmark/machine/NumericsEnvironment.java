package org.tdabench.benchmark.machine;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment variables that can change TensorFlow's float results on a CPU: TensorFlow's own
 * switches (TF_ENABLE_ONEDNN_OPTS above all), oneDNN's ISA caps and math modes, XLA and thread
 * pools, and tdabench's portable-numerics switch. Logging variables, and the TF_* variables of
 * Terraform (which shares the prefix), are left out. They are part of
 * every artifact's recipe, so an artifact computed under other flags is never reused as if it were
 * the same computation, and part of the machine fingerprint.
 *
 * @param variables name -> value of every such variable that is set
 */
public record NumericsEnvironment(Map<String, String> variables) {
  /** The values tdabench pins (the CLI sets them when unset; tests set them in Surefire). */
  public static final Map<String, String> PINNED = Map.of("TF_ENABLE_ONEDNN_OPTS", "0", "TF_DETERMINISTIC_OPS", "1");
  /** Set to 1 to cap oneDNN at {@link #PORTABLE_ISA} (see {@link Fingerprint}). */
  public static final String PORTABLE_SWITCH = "TDABENCH_PORTABLE_NUMERICS";
  /** The instruction-set cap of portable numerics: AVX2 (+FMA), on nearly every x86-64 CPU since 2013. */
  public static final String PORTABLE_ISA = "AVX2";

  private static final Set<String> PREFIXES = Set.of("TF_", "ONEDNN_", "DNNL_", "XLA_", "OMP_", "KMP_", "MKL_");
  // Logging, and TF_CPU_ALLOCATOR_USE_BFC (where freed tensor memory goes; measured to change no value).
  private static final Set<String> LOGGING_ONLY = Set.of("TF_CPP_MIN_LOG_LEVEL", "TF_CPP_MAX_VLOG_LEVEL",
      "TF_CPP_MIN_VLOG_LEVEL", "TF_CPP_VMODULE", "TF_CPP_LOG_THREAD_ID", "TF_CPU_ALLOCATOR_USE_BFC");
  /** Terraform's documented variables (TF_VAR_name, TF_CLI_ARGS, TF_LOG, ...): not TensorFlow's. */
  private static final Set<String> TERRAFORM_PREFIXES = Set.of("TF_VAR_", "TF_CLI_", "TF_LOG", "TF_INPUT",
      "TF_DATA_DIR", "TF_WORKSPACE", "TF_IN_AUTOMATION", "TF_PLUGIN_", "TF_REGISTRY_", "TF_TOKEN_", "TF_IGNORE",
      "TF_APPEND_USER_AGENT", "TF_STATE_PERSIST_INTERVAL", "TF_ACC");
  private static final Set<String> OTHER = Set.of(PORTABLE_SWITCH, "CUDA_VISIBLE_DEVICES", "NVIDIA_TF32_OVERRIDE");

  public NumericsEnvironment {
    variables = java.util.Collections.unmodifiableMap(new TreeMap<>(variables));
  }

  /** This process's numerics environment. */
  public static NumericsEnvironment current() {
    return of(System.getenv());
  }

  /** The numerics variables among {@code env}. */
  public static NumericsEnvironment of(Map<String, String> env) {
    Map<String, String> m = new TreeMap<>();
    env.forEach((k, v) -> {
      if (relevant(k)) {
        m.put(k, v);
      }
    });
    return new NumericsEnvironment(m);
  }

  /** Whether a variable of this name can change results. */
  public static boolean relevant(String name) {
    if (LOGGING_ONLY.contains(name) || TERRAFORM_PREFIXES.stream().anyMatch(name::startsWith)) {
      return false;
    }
    return OTHER.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
  }

  /** The oneDNN instruction-set cap in force, if any (ONEDNN_MAX_CPU_ISA, or its older name). */
  public Optional<String> isaCap() {
    String v = variables.getOrDefault("ONEDNN_MAX_CPU_ISA", variables.get("DNNL_MAX_CPU_ISA"));
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim().toUpperCase(Locale.ROOT));
  }

  /** Portable numerics: the switch is on and the ISA cap is {@link #PORTABLE_ISA}. */
  public boolean portable() {
    return "1".equals(variables.get(PORTABLE_SWITCH)) && isaCap().filter(PORTABLE_ISA::equals).isPresent();
  }

  /**
   * The pinned, bit-reproducible default: the pinned values and nothing else (portable numerics
   * counts as pinned too: it is a documented setting, not an accident of the environment).
   */
  public boolean pinned() {
    Map<String, String> rest = new TreeMap<>(variables);
    for (Map.Entry<String, String> e : PINNED.entrySet()) {
      if (!e.getValue().equals(rest.remove(e.getKey()))) {
        return false;
      }
    }
    if (portable()) {
      rest.remove(PORTABLE_SWITCH);
      rest.remove("ONEDNN_MAX_CPU_ISA");
      rest.remove("DNNL_MAX_CPU_ISA");
    }
    return rest.isEmpty();
  }

  /** What differs from the pinned default, for a one-line warning ("" when pinned). */
  public String deviations() {
    if (pinned()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    Map<String, String> shown = new TreeMap<>(variables);
    PINNED.forEach((k, v) -> {
      if (v.equals(shown.get(k))) {
        shown.remove(k);
      } else if (!shown.containsKey(k)) {
        shown.put(k, "(unset)");
      }
    });
    shown.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return sb.toString();
  }
}
